/**
 * `kubeward scan -o html` render time: the page built from the shared components (src/report/html.ts: React for
 * everything but the finding rows, which findings-html.ts writes as strings) against the string-template renderer
 * it replaced (bench/html-string-renderer.ts) and the JSON renderer, on the same Report, in one run; and the finding
 * rows alone through React's FindingsTable and through the string writer (why the rows are strings). Renderers
 * only: the report is built (and redacted) once, before any timing.
 *
 *   node --import tsx bench/html.bench.ts            # realistic mix (bench/realistic-generate.ts), 8,000 objects
 *   node --import tsx bench/html.bench.ts 16000      # another size
 */
import '../src/cli/production-env.js'; // first, as in the CLI: React's production build
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CHECKS } from '../src/checks/index.js';
import { buildReport } from '../src/engine/build-report.js';
import { analyse } from '../src/engine/scan.js';
import { applyPolicy } from '../src/policy/apply-policy.js';
import { FindingsTable } from '../src/report/components/FindingsTable.js';
import { findingView } from '../src/report/finding-view.js';
import { findingsTableHtml } from '../src/report/findings-html.js';
import { renderHtml } from '../src/report/html.js';
import { checkHref } from '../src/report/html-page.js';
import { groupByObject } from '../src/report/object-key.js';
import { jsonChunks } from '../src/report/json.js';
import { redactReport } from '../src/report/redact-report.js';
import type { Report } from '../src/report/report.js';
import { loadText, type Loaded } from '../src/sources/manifests.js';
import { renderHtmlStrings } from './html-string-renderer.js';
import { generateRealistic } from './realistic-generate.js';

function report(n: number): Report {
  const input = generateRealistic(n);
  const all: Loaded = { objects: [], problems: [], documents: 0 };
  for (const f of input) {
    const l = loadText(f.text, f.name, { json: false });
    all.objects.push(...l.objects);
    all.problems.push(...l.problems);
  }
  const { inventory, findings } = analyse({ objects: all.objects, problems: all.problems, checks: CHECKS });
  const policy = applyPolicy(findings, { checks: CHECKS, ran: CHECKS, now: new Date() });
  const r = buildReport({ version: 'bench', scannedAt: new Date(), files: input.length, inventory, checks: CHECKS, findings: policy.findings, suppressed: policy.suppressed, warnings: policy.warnings });
  return redactReport(r); // what FORMATS renders (the redaction itself is the same for every format, so left out of the timing)
}

/** Best of `runs` after one warm-up; also the output length, so nothing is optimised away. */
function best(fn: () => number, runs = 3): { ms: number; chars: number } {
  let chars = fn();
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    chars = fn();
    ms = Math.min(ms, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms, chars };
}

const n = Number(process.argv[2] ?? 8000);
const r = report(n);
const json = best(() => {
  let c = 0;
  for (const piece of jsonChunks(r)) c += piece.length;
  return c;
});
const strings = best(() => renderHtmlStrings(r).length);
const page = best(() => renderHtml(r).length);
// The finding rows alone, both ways: the string writer the report uses, and the shared React FindingsTable.
const groups = groupByObject(r.findings).map((g) => g.findings.map(findingView));
const rowsStrings = best(() => groups.reduce((n, g) => n + findingsTableHtml(g, checkHref).length, 0));
const rowsReact = best(() => groups.reduce((n, g) => n + renderToStaticMarkup(createElement(FindingsTable, { findings: g, checkHref })).length, 0));
const row = (label: string, x: { ms: number; chars: number }) =>
  console.log(`  ${label.padEnd(44)} ${x.ms.toFixed(0).padStart(6)} ms  ${(x.chars / 1e6).toFixed(1).padStart(5)} M chars  ${(x.ms / json.ms).toFixed(2)}× JSON`);
console.log(`realistic mix, ${n.toLocaleString('en')} objects: ${r.findings.length.toLocaleString('en')} findings`);
row('JSON (jsonChunks)', json);
row('HTML page, string templates (before)', strings);
row('HTML page, shared components (now)', page);
row('  finding rows only, string writer (now)', rowsStrings);
row('  finding rows only, React FindingsTable', rowsReact);
console.log(`  ratio html-render ÷ JSON-render             ${(page.ms / json.ms).toFixed(2)}×   (before: ${(strings.ms / json.ms).toFixed(2)}×)`);
console.log(`  ratio page now ÷ page before                ${(page.ms / strings.ms).toFixed(2)}×`);
console.log(`  ratio rows React ÷ rows string writer       ${(rowsReact.ms / rowsStrings.ms).toFixed(2)}×`);
