/**
 * Scan benchmark: the whole pipeline (parse with positions → inventory → every check → policy →
 * report → JSON) against parse-only on the same bytes, in one run.
 *
 *   node --import tsx bench/scan.bench.ts            # corpus (../shared/corpus) + generated 25k/50k/100k objects
 *   node --import tsx bench/scan.bench.ts 100000     # one dataset (each runs in its own process)
 *   node --import tsx bench/scan.bench.ts realistic-100000   # the realistic mix (bench/realistic-generate.ts)
 *
 * Inputs are read into memory first so both sides measure CPU work on identical bytes.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as jsyaml from 'js-yaml';
import { CHECKS } from '../src/checks/index.js';
import { buildReport } from '../src/engine/build-report.js';
import { analyse } from '../src/engine/scan.js';
import { applyPolicy } from '../src/policy/apply-policy.js';
import { jsonChunks } from '../src/report/json.js';
import { loadText, type Loaded } from '../src/sources/manifests.js';
import { parseYamlStream } from '../src/sources/yaml/index.js';
import { readCorpus } from './corpus.js';
import { generateManifests } from './generate.js';
import { generateRealistic } from './realistic-generate.js';

type Input = { name: string; text: string }[];

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

/** Best of `runs` (after one warm-up) to keep GC and JIT noise out of the ratios. */
function best(fn: () => unknown, runs = 3): number {
  fn();
  let min = Infinity;
  for (let i = 0; i < runs; i++) min = Math.min(min, time(fn)[1]);
  return min;
}

function parseJsYaml(input: Input): number {
  let n = 0;
  for (const f of input) {
    try {
      jsyaml.loadAll(f.text, () => n++);
    } catch {
      /* js-yaml stops at the first error in a file; the count is what it got */
    }
  }
  return n;
}

function parseFast(input: Input): number {
  let n = 0;
  for (const f of input) n += parseYamlStream(f.text).length;
  return n;
}

/** Parse and keep every document, as a scan must (the inventory is whole-graph): the GC cost of retention. */
function parseFastKeep(input: Input): unknown[] {
  const kept: unknown[] = [];
  for (const f of input) kept.push(parseYamlStream(f.text));
  return kept;
}

/** What `kubeward scan` does after reading the files: parse with positions, inventory, every check, policy, the Report value. */
function scan(input: Input, render = false): { objects: number; findings: number } {
  const all: Loaded = { objects: [], problems: [], documents: 0 };
  for (const f of input) {
    const l = loadText(f.text, f.name, { json: f.name.endsWith('.json') });
    for (const o of l.objects) all.objects.push(o);
    for (const p of l.problems) all.problems.push(p);
  }
  const { inventory, findings } = analyse({ objects: all.objects, problems: all.problems, checks: CHECKS });
  const policy = applyPolicy(findings, { checks: CHECKS, ran: CHECKS, now: new Date() });
  const report = buildReport({ version: 'bench', scannedAt: new Date(), files: input.length, inventory, checks: CHECKS, findings: policy.findings, suppressed: policy.suppressed, warnings: policy.warnings });
  // As the CLI writes JSON: piece by piece (one string of 800k findings would pass V8's string limit).
  if (render) {
    let chars = 0;
    for (const piece of jsonChunks(report)) chars += piece.length;
    if (chars === 0) throw new Error('empty JSON');
  }
  return { objects: inventory.objects.length, findings: report.findings.length };
}

function measure(label: string, input: Input): void {
  const bytes = input.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const tJs = best(() => parseJsYaml(input));
  const tFast = best(() => parseFast(input));
  const tKeep = best(() => parseFastKeep(input));
  const [res] = time(() => scan(input));
  const tScan = best(() => scan(input));
  const tScanJson = best(() => scan(input, true), 1);
  const fastest = Math.min(tJs, tFast);
  const mb = bytes / 1e6;
  console.log(`\n${label}: ${input.length} files, ${mb.toFixed(1)} MB, ${res.objects} objects, ${res.findings} findings`);
  console.log(`  parse only, js-yaml (no positions)      ${tJs.toFixed(0).padStart(6)} ms  ${(mb / (tJs / 1000)).toFixed(1)} MB/s`);
  console.log(`  parse only, kubeward (positions)        ${tFast.toFixed(0).padStart(6)} ms  ${(mb / (tFast / 1000)).toFixed(1)} MB/s`);
  console.log(`  parse only, kubeward, results kept       ${tKeep.toFixed(0).padStart(6)} ms  ${(mb / (tKeep / 1000)).toFixed(1)} MB/s`);
  console.log(`  scan (parse, checks, policy, report)    ${tScan.toFixed(0).padStart(6)} ms  ${Math.round(res.objects / (tScan / 1000))} objects/s`);
  console.log(`  scan + JSON output                      ${tScanJson.toFixed(0).padStart(6)} ms`);
  console.log(`  ratio scan ÷ fastest parse-only         ${(tScan / fastest).toFixed(2)}×   (with JSON output ${(tScanJson / fastest).toFixed(2)}×)`);
  console.log(`  ratio scan ÷ parse with results kept    ${(tScan / tKeep).toFixed(2)}×`);
}

/** One dataset per child process, so one dataset's heap never slows another's measurements. */
const dataset = process.argv[2];
if (dataset === 'corpus') {
  const corpus = readCorpus();
  if (corpus.length) measure('corpus (../shared/corpus/manifests)', corpus);
  else console.log('corpus: ../shared/corpus/manifests not found, skipped');
} else if (dataset) {
  const realistic = dataset.startsWith('realistic-');
  const n = Number(realistic ? dataset.slice('realistic-'.length) : dataset);
  const input = realistic ? generateRealistic(n) : generateManifests(n);
  measure(`${realistic ? 'realistic mix' : 'generated'} ${n.toLocaleString('en')} objects`, input);
  const t = best(() => scan(input), 1);
  console.log(`  scan time per object                    ${((t * 1000) / n).toFixed(1)} µs`);
} else {
  for (const d of ['corpus', '25000', '50000', '100000', 'realistic-25000', 'realistic-50000', 'realistic-100000']) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), d], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = 1;
  }
}
if (dataset) console.log(`  peak RSS                                ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
