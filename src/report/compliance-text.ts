import type { ControlCompliance, FrameworkCompliance } from '../frameworks/compliance.js';

/** "72.4%" (or "n/a" when no control was evaluated). */
export function scoreText(score: number | null): string {
  return score === null ? 'n/a' : `${(Math.round(score * 1000) / 10).toFixed(1)}%`;
}

/** The headline of a framework section: score, with the not-evaluated count beside it. */
export function complianceHeadline(c: FrameworkCompliance): string {
  const evaluated = c.passed + c.failed;
  return (
    `compliance ${scoreText(c.score)} over ${evaluated} evaluated control${evaluated === 1 ? '' : 's'} ` +
    `(${c.passed} passed, ${c.failed} failed), ${c.notEvaluated} not evaluated`
  );
}

const STATUS: Record<ControlCompliance['status'], string> = { passed: 'passed', failed: 'FAILED', 'not-evaluated': 'not evaluated' };

/** The result column of a control: resource counts, or why it was not evaluated. */
export function controlResult(x: ControlCompliance): string {
  if (x.status === 'not-evaluated') return x.reason ?? '';
  return `${x.passedResources}/${x.resources} resources pass`;
}

/** Plain-text lines for the terminal table: one block per framework, failed controls first. */
export function complianceLines(list: readonly FrameworkCompliance[]): string[] {
  const out: string[] = [];
  for (const c of list) {
    out.push(`Compliance: ${c.title} (${c.version})`, `  ${complianceHeadline(c)}`);
    const rows = orderControls(c.controls);
    const idWidth = Math.min(26, rows.reduce((w, x) => Math.max(w, x.id.length), 0));
    for (const x of rows) out.push(`  ${x.id.padEnd(idWidth)}  ${STATUS[x.status].padEnd(13)}  ${controlResult(x)} — ${x.title}`);
    out.push('');
  }
  return out;
}

/** Failed, then passed, then not evaluated; catalog order within each. */
export function orderControls(controls: readonly ControlCompliance[]): ControlCompliance[] {
  const rank = { failed: 0, passed: 1, 'not-evaluated': 2 } as const;
  return controls.map((x, i) => ({ x, i })).sort((a, b) => rank[a.x.status] - rank[b.x.status] || a.i - b.i).map((e) => e.x);
}

export const statusLabel = (s: ControlCompliance['status']) => STATUS[s];
