import type { FindingView } from './types.js';

/** "12:7", "12" or "" (findings on a whole file have no line). */
export function locationText(f: Pick<FindingView, 'line' | 'column'>): string {
  if (!f.line || f.line <= 0) return '';
  return f.column && f.column > 0 ? `${f.line}:${f.column}` : String(f.line);
}

/** The evidence as two short texts: what was found (as JSON) and what was expected. Absent parts are left out. */
export function evidenceParts(e: FindingView['evidence']): { found?: string; expected?: string } | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const out: { found?: string; expected?: string } = {};
  if (e.found !== undefined) out.found = JSON.stringify(e.found);
  if (e.expected !== undefined) out.expected = typeof e.expected === 'string' ? e.expected : JSON.stringify(e.expected);
  return out.found === undefined && out.expected === undefined ? undefined : out;
}
