/**
 * Chart accuracy bench (issue 11): every finding on twelve popular Helm charts, rendered with their default values
 * and a namespace (test/fixtures/charts/<name>/rendered.yaml, see each SOURCE), judged by hand in
 * bench/accuracy/charts.tsv as wanted / noise / false with a one-line reason. Prints, per check, the findings
 * and how they were judged, and the false-positive rate; rows for findings nobody judged yet are listed.
 *
 *   node --import tsx bench/chart-accuracy.ts          # the table (bench/README.md, "Chart accuracy")
 *   node --import tsx bench/chart-accuracy.ts --write  # rewrite charts.tsv: keep verdicts, add new findings as unjudged, drop gone ones
 *
 * The TSV holds every finding kubeward can show (`--profile all --include-helm-tests`); the bench also scans at the
 * default (`--profile security`, Helm test hooks reported apart) and prints, for both, how many findings are shown
 * and how they were judged, and "wanted lost": judged wanted at `all` but neither shown nor reported apart by the
 * default (must be 0).
 *
 * test/engine/chart-accuracy.test.ts holds the default scan against the TSV, so a regression is caught.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scan } from '../src/engine/scan.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const chartsDir = join(root, 'test', 'fixtures', 'charts');
const tsvPath = join(root, 'bench', 'accuracy', 'charts.tsv');

export interface Row { chart: string; check: string; severity: string; object: string; path: string; verdict: string; reason: string }

/** The key a judged row and a finding share: chart, check, Kind/namespace/name, field path. */
export const rowKey = (r: { chart: string; check: string; object: string; path: string }) => `${r.chart}\t${r.check}\t${r.object}\t${r.path}`;

export function readTsv(text: string): Row[] {
  return text.split('\n').slice(1).filter(Boolean).map((l) => {
    const [chart = '', check = '', severity = '', object = '', path = '', verdict = '', reason = ''] = l.split('\t');
    return { chart, check, severity, object, path, verdict, reason };
  });
}

/** Every shown finding of one chart's rendered output, as TSV rows without a verdict. */
export async function chartFindings(chart: string, view: 'default' | 'all' | 'apart' = 'all'): Promise<Row[]> {
  const report = await scan({
    paths: [join(chartsDir, chart, 'rendered.yaml')], now: new Date(0),
    ...(view === 'all' ? { profile: 'all' as const, includeHelmTests: true } : {}),
  });
  // 'apart': the findings the default reports apart, on Helm test hooks.
  return (view === 'apart' ? report.helmTests ?? [] : report.findings).map((f) => ({
    chart,
    check: f.checkId,
    severity: f.severity,
    object: f.object ? `${f.object.kind}/${f.object.namespace ?? ''}/${f.object.name}` : '',
    path: f.path,
    verdict: '',
    reason: '',
  }));
}

export const charts = () => readdirSync(chartsDir).filter((d) => !d.startsWith('.')).sort();

async function main(): Promise<void> {
  const judged = new Map(readTsv(readFileSync(tsvPath, 'utf8')).map((r) => [rowKey(r), r]));
  const rows: Row[] = [];
  const shownByDefault = new Set<string>();
  const apartByDefault = new Set<string>();
  for (const chart of charts()) {
    for (const f of await chartFindings(chart, 'all')) {
      const j = judged.get(rowKey(f));
      rows.push(j ? { ...f, verdict: j.verdict, reason: j.reason } : { ...f, verdict: 'unjudged' });
    }
    for (const f of await chartFindings(chart, 'default')) shownByDefault.add(rowKey(f));
    for (const f of await chartFindings(chart, 'apart')) apartByDefault.add(rowKey(f));
  }
  const seen = new Set(rows.map(rowKey));
  const gone = [...judged.values()].filter((r) => !seen.has(rowKey(r)));
  if (process.argv.includes('--write')) {
    rows.sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : 1));
    writeFileSync(tsvPath, ['chart\tcheck\tseverity\tobject\tpath\tverdict\treason', ...rows.map((r) => [r.chart, r.check, r.severity, r.object, r.path, r.verdict, r.reason].join('\t'))].join('\n') + '\n');
  }
  const by = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const c = by.get(r.check) ?? { findings: 0, wanted: 0, noise: 0, false: 0, unjudged: 0 };
    c.findings!++;
    c[r.verdict] = (c[r.verdict] ?? 0) + 1;
    by.set(r.check, c);
  }
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
  console.log('| check | findings | wanted | noise | false | false rate |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [check, c] of [...by].sort((a, b) => b[1].findings! - a[1].findings! || (a[0] < b[0] ? -1 : 1))) {
    console.log(`| ${check} | ${c.findings} | ${c.wanted} | ${c.noise} | ${c.false} | ${pct(c.false!, c.findings!)} |`);
  }
  const total = (k: string) => rows.filter((r) => r.verdict === k).length;
  console.log(`| **all (${charts().length} charts)** | **${rows.length}** | **${total('wanted')}** | **${total('noise')}** | **${total('false')}** | **${pct(total('false'), rows.length)}** |`);
  // The two views: what the default shows, and everything (--profile all --include-helm-tests).
  const defaultRows = rows.filter((r) => shownByDefault.has(rowKey(r)));
  const notInAll = [...shownByDefault].filter((k) => !rows.some((r) => rowKey(r) === k));
  console.log('');
  console.log('| view | shown | wanted | false | noise | false % of shown | noise % of shown | wanted lost |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, view] of [['default (`--profile security`)', defaultRows], ['`--profile all --include-helm-tests`', rows]] as const) {
    const n = (k: string) => view.filter((r) => r.verdict === k).length;
    const lost = view === rows ? 0 : rows.filter((r) => r.verdict === 'wanted' && !shownByDefault.has(rowKey(r)) && !apartByDefault.has(rowKey(r))).length;
    console.log(`| ${name} | ${view.length} | ${n('wanted')} | ${n('false')} | ${n('noise')} | ${pct(n('false'), view.length)} | ${pct(n('noise'), view.length)} | ${lost} |`);
  }
  const noiseByCheck = new Map<string, number>();
  for (const r of defaultRows.filter((x) => x.verdict === 'noise')) noiseByCheck.set(r.check, (noiseByCheck.get(r.check) ?? 0) + 1);
  console.log(`\nnoise at the default, by check: ${[...noiseByCheck].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  for (const k of notInAll) console.log(`shown by default but not at all (a bug): ${k}`);
  const apart = rows.filter((r) => apartByDefault.has(rowKey(r)));
  console.log(`reported apart by the default (Helm test hooks): ${apart.length} findings, ${apart.filter((r) => r.verdict === 'wanted').length} wanted, ${apart.filter((r) => r.verdict === 'noise').length} noise, ${apart.filter((r) => r.verdict === 'false').length} false`);
  for (const r of rows.filter((x) => x.verdict === 'wanted' && !shownByDefault.has(rowKey(x)) && !apartByDefault.has(rowKey(x)))) console.log(`wanted lost: ${rowKey(r)}`);
  for (const r of rows.filter((x) => x.verdict === 'unjudged')) console.log(`unjudged: ${rowKey(r)}`);
  for (const r of gone) console.log(`gone (${r.verdict}): ${rowKey(r)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
