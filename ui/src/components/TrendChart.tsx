import type { TrendPoint } from '../types';

const W = 320;
const H = 90;
const PAD = 18;

/** The posture score over time as a small SVG line chart; the last and lowest values are also in the text. */
export function TrendChart({ points, label }: { points: TrendPoint[]; label: string }) {
  const scored = points.filter((p) => typeof p.score === 'number').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (scored.length === 0) return <p className="muted">No scans in the last 30 days.</p>;
  const t0 = Date.parse(scored[0]!.createdAt);
  const t1 = Date.parse(scored[scored.length - 1]!.createdAt);
  const span = Math.max(1, t1 - t0);
  const xy = scored.map((p) => {
    const x = scored.length === 1 ? W / 2 : PAD + ((Date.parse(p.createdAt) - t0) / span) * (W - 2 * PAD);
    const y = H - PAD / 2 - ((p.score as number) / 100) * (H - PAD);
    return [x, y] as const;
  });
  const last = scored[scored.length - 1]!;
  const min = Math.min(...scored.map((p) => p.score as number));
  const summary = `${label}: ${scored.length} scan${scored.length === 1 ? '' : 's'}, latest score ${Math.round(last.score as number)}, lowest ${Math.round(min)}`;
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {[0, 50, 100].map((v) => {
          const y = H - PAD / 2 - (v / 100) * (H - PAD);
          return (
            <g key={v}>
              <line className="grid" x1={PAD} x2={W - 4} y1={y} y2={y} />
              <text className="axis" x={2} y={y + 3}>
                {v}
              </text>
            </g>
          );
        })}
        <polyline className="line" points={xy.map(([x, y]) => `${x},${y}`).join(' ')} />
        {xy.map(([x, y], i) => (
          <circle key={scored[i]!.scanId} className="point" cx={x} cy={y} r={2.5}>
            <title>{`${new Date(scored[i]!.createdAt).toLocaleString()}: ${Math.round(scored[i]!.score as number)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
