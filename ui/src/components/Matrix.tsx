/** Edges as a matrix: one row per source, one column per target, the cell says what is allowed. */
export interface Edge {
  from: string;
  to: string;
  value: string;
}

const PAIRS: Array<[string, string, string[]]> = [
  ['src', 'dst', ['allowed', 'ports', 'value']],
  ['from', 'to', ['allowed', 'via', 'value', 'label']],
  ['subject', 'power', ['scope', 'namespace', 'via']],
  ['subject', 'permission', ['scope', 'namespace', 'via']],
];

/** Finds the first array of edge-like objects anywhere (depth ≤ 3) in a section the server returned. */
export function findEdges(value: unknown, depth = 0): Edge[] | null {
  if (depth > 3 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const [a, b, vals] of PAIRS) {
      if (value.length > 0 && value.every((e) => e && typeof e === 'object' && typeof e[a] === 'string' && typeof e[b] === 'string')) {
        return value.map((e: Record<string, unknown>) => {
          const v = vals.map((k) => e[k]).find((x) => x !== undefined && x !== null);
          return { from: e[a] as string, to: e[b] as string, value: v === undefined ? 'yes' : Array.isArray(v) ? v.join(', ') : String(v) };
        });
      }
    }
    return null;
  }
  for (const v of Object.values(value)) {
    const found = findEdges(v, depth + 1);
    if (found) return found;
  }
  return null;
}

export function Matrix({ edges, caption, max = 40 }: { edges: Edge[]; caption: string; max?: number }) {
  const rows = [...new Set(edges.map((e) => e.from))].sort().slice(0, max);
  const cols = [...new Set(edges.map((e) => e.to))].sort().slice(0, max);
  const cell = new Map(edges.map((e) => [`${e.from}\u0000${e.to}`, e.value]));
  return (
    <div className="table-wrap">
      <table className="matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {cols.map((c) => (
              <th key={c} scope="col">
                <span>{c}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {cols.map((c) => {
                const v = cell.get(`${r}\u0000${c}`);
                return (
                  <td key={c} className={v === undefined ? 'm-none' : 'm-yes'} title={v ? `${r} → ${c}: ${v}` : undefined}>
                    {v ?? ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {(new Set(edges.map((e) => e.from)).size > max || new Set(edges.map((e) => e.to)).size > max) && (
        <p className="muted">Showing the first {max} rows and columns.</p>
      )}
    </div>
  );
}
