import type { PolicyTestResult } from '../model/policy-test.js';

/** `kubeward policy test` as JSON (stable keys: rows, problems, unmatched, warnings, mismatches, passed). */
export function renderPolicyTestJson(result: PolicyTestResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** `kubeward policy test` as a plain table: one row per resource × rule, mismatches marked, then problems. */
export function renderPolicyTestTable(result: PolicyTestResult): string {
  const head = ['RESOURCE', 'RULE', 'RESULT', 'EXPECTED', 'MESSAGE'];
  const body = result.rows.map((r) => [r.resource, r.check, r.mismatch ? `${r.result.toUpperCase()} ✗` : r.result, r.expected ?? '-', r.messages[0] ?? '']);
  const widths = head.map((h, i) => Math.min(60, Math.max(h.length, ...body.map((row) => row[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(head), ...body.map(line)];
  for (const p of result.problems) out.push(`problem: ${p.file}:${p.line}:${p.column}: ${p.message}`);
  for (const u of result.unmatched) out.push(`unmatched expectation: ${u}`);
  for (const w of result.warnings) out.push(`warning: ${w}`);
  const counts = { pass: 0, fail: 0, skip: 0 };
  for (const r of result.rows) counts[r.result]++;
  out.push('', `${result.rows.length} results: ${counts.pass} pass, ${counts.fail} fail, ${counts.skip} skip; ${result.mismatches} mismatch${result.mismatches === 1 ? '' : 'es'}, ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} — ${result.passed ? 'PASSED' : 'FAILED'}`);
  return `${out.join('\n')}\n`;
}
