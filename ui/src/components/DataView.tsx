import type { ReactNode } from 'react';

/**
 * Any JSON the server returns for a section whose shape grows with the analyses (RBAC power, exposure, image
 * vulnerabilities): arrays of flat objects as tables, objects as definition lists, scalars as text. Text only —
 * React escapes every value; nothing is rendered as HTML.
 */
function scalar(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function isFlat(o: unknown): o is Record<string, unknown> {
  return typeof o === 'object' && o !== null && !Array.isArray(o) && Object.values(o).every((v) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => typeof x !== 'object')));
}

export function DataView({ value, depth = 0, caption }: { value: unknown; depth?: number; caption?: string }): ReactNode {
  if (value === null || value === undefined || typeof value !== 'object') return <span>{scalar(value)}</span>;
  if (depth > 4) return <code>{JSON.stringify(value)}</code>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (value.every(isFlat)) {
      const cols = [...new Set(value.flatMap((r) => Object.keys(r)))];
      return (
        <div className="table-wrap">
          <table>
            {caption && <caption>{caption}</caption>}
            <thead>
              <tr>
                {cols.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {value.slice(0, 500).map((row, i) => (
                <tr key={i}>
                  {cols.map((c) => (
                    <td key={c}>{Array.isArray(row[c]) ? (row[c] as unknown[]).join(', ') : scalar(row[c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {value.length > 500 && <p className="muted">First 500 of {value.length} rows.</p>}
        </div>
      );
    }
    return (
      <ul>
        {value.slice(0, 200).map((v, i) => (
          <li key={i}>
            <DataView value={v} depth={depth + 1} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => k !== 'available');
  return (
    <dl className="data">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            <DataView value={v} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
