/**
 * Fix benchmark: `kubeward fix`'s pure core (scan, fix every fixable check, rewrite the text with only
 * changed fields, verify by reading it back, rescan) against a plain scan (parse → inventory → every
 * fixable check) on the same corpus sample, in one run.
 *
 *   node --import tsx bench/fix.bench.ts          # every 4th corpus file (../shared/corpus)
 *   node --import tsx bench/fix.bench.ts 1        # every file
 */
import { CHECKS } from '../src/checks/index.js';
import { isFixable } from '../src/checks/define.js';
import { analyse } from '../src/engine/scan.js';
import { fixFiles, type FixInputFile } from '../src/fix/fix-files.js';
import { runChecks } from '../src/engine/run-checks.js';
import { loadText } from '../src/sources/manifests.js';
import { readCorpus } from './corpus.js';

const step = Number(process.argv[2] ?? 4);
const sample: FixInputFile[] = readCorpus().filter((_, i) => i % step === 0).map((f) => ({ path: f.name, text: f.text, json: f.name.endsWith('.json') }));
if (sample.length === 0) process.exit(0);
const fixable = CHECKS.filter(isFixable);

function best(fn: () => unknown, runs = 3): number {
  fn();
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return min;
}

function scan(checks: readonly (typeof CHECKS)[number][] = fixable): number {
  const objects = [];
  const problems = [];
  for (const f of sample) {
    const l = loadText(f.text, f.path, { json: f.json });
    objects.push(...l.objects);
    problems.push(...l.problems);
  }
  return analyse({ objects, problems, checks }).findings.length;
}

const findings = scan();
const results = fixFiles(sample, { checks: fixable, runChecks });
const changed = results.filter((r) => r.changed).length;
const fixed = results.reduce((n, r) => n + r.fixed.reduce((m, f) => m + f.before - f.after, 0), 0);
const bytes = sample.reduce((n, f) => n + f.text.length, 0);

const scanFixable = best(() => scan());
const scanAll = best(() => scan(CHECKS));
// A file per call, as the command's work splits when nothing needs fixing in most files, and all at once.
const fixAll = best(() => fixFiles(sample, { checks: fixable, runChecks }));

console.log(`fix benchmark: ${sample.length} corpus files (every ${step}), ${(bytes / 1e6).toFixed(2)} MB, ${findings} findings of ${fixable.length} fixable checks`);
console.log(`  ${changed} files rewritten, ${fixed} findings fixed`);
console.log(`  scan (fixable checks)   ${scanFixable.toFixed(0)} ms`);
console.log(`  scan (every check)      ${scanAll.toFixed(0)} ms`);
console.log(`  fix (scan+fix+rewrite+verify+rescan) ${fixAll.toFixed(0)} ms`);
console.log(`  fix ÷ scan (fixable checks) = ${(fixAll / scanFixable).toFixed(2)}×`);
console.log(`  fix ÷ scan (every check)    = ${(fixAll / scanAll).toFixed(2)}×`);
