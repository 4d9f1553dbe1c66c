import { SEVERITY_ORDER, type Severity } from './severity.js';

/** Counts by severity as a stacked bar with the numbers written out beside it (the bar is decoration). */
export function SeverityCounts({ counts, label }: { counts: Partial<Record<Severity, number>>; label?: string }) {
  const total = SEVERITY_ORDER.reduce((n, s) => n + (counts[s] ?? 0), 0);
  let x = 0;
  return (
    <div className="sev-counts">
      {total > 0 && (
        <svg className="sev-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
          {SEVERITY_ORDER.map((s) => {
            const w = ((counts[s] ?? 0) / total) * 100;
            const rect = <rect key={s} className={`fill-${s}`} x={x} y={0} width={w} height={6} />;
            x += w;
            return rect;
          })}
        </svg>
      )}
      <ul className="sev-list" aria-label={label ?? 'findings by severity'}>
        {SEVERITY_ORDER.map((s) => (
          <li key={s} className={`sev-count-${s}`}>
            <span className={`dot fill-${s}`} aria-hidden="true" />
            {s} <strong>{counts[s] ?? 0}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
