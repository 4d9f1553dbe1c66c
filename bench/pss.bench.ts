/**
 * Pod Security benchmark: the Pod Security checks (every PSA control, version-aware) and the
 * framework compliance scoring, against parsing the same bytes, in one run over ../shared/corpus.
 *
 *   node --import tsx bench/pss.bench.ts
 *
 * Prints PSS evaluation time ÷ parse time at the default setting (every control at its own level,
 * latest), at restricted:v1.29 and at baseline:latest, plus compliance scoring ÷ parse.
 */
import { runChecks } from '../src/engine/run-checks.js';
import { frameworkCompliance } from '../src/checks/compliance.js';
import { CHECKS } from '../src/checks/index.js';
import { FRAMEWORKS } from '../src/frameworks/catalog.js';
import type { PssSetting } from '../src/frameworks/pss-policy.js';
import { Inventory } from '../src/model/inventory.js';
import type { K8sObject } from '../src/model/object.js';
import { loadText, withIds } from '../src/sources/manifests.js';
import { readCorpus } from './corpus.js';

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

/** Best of `runs` after one warm-up. */
function best<T>(fn: () => T, runs = 5): [T, number] {
  let [r] = time(fn);
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const [x, ms] = time(fn);
    r = x;
    min = Math.min(min, ms);
  }
  return [r, min];
}

const files = readCorpus();
if (files.length === 0) process.exit(0);
const bytes = files.reduce((n, f) => n + f.text.length, 0);

const parse = () => {
  const objects: Omit<K8sObject, 'id'>[] = [];
  for (const f of files) objects.push(...loadText(f.text, f.name).objects);
  return objects;
};
const [objects, parseMs] = best(parse);
const inventory = new Inventory(withIds(objects));
// Build the pod view once outside the timings (both the checks and a full scan share it).
const pods = inventory.podSpecs().length;
inventory.containers();

const PSS = CHECKS.filter((c) => c.frameworks.pss);
const settings: [string, PssSetting | undefined][] = [
  ['default (every level, latest)', undefined],
  ['restricted:v1.29', { level: 'restricted', minor: 29, version: 'v1.29' }],
  ['baseline:latest', { level: 'baseline', minor: 37, version: 'latest' }],
];
console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${objects.length} objects, ${pods} pod specs; ${PSS.length} Pod Security checks`);
console.log(`parse (with positions): ${parseMs.toFixed(1)} ms`);
for (const [name, pss] of settings) {
  const [findings, ms] = best(() => runChecks(PSS, inventory, [], pss ? { pss } : {}));
  console.log(`PSS ${name.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms  ${findings.length} findings  PSS ÷ parse = ${(ms / parseMs).toFixed(3)}`);
}
const findings = runChecks(CHECKS, inventory, []);
// Scoring caches what each check judged per inventory: every run gets a fresh one (pod view built outside the timing).
let scoreMs = Infinity;
for (let i = 0; i < 4; i++) {
  const fresh = new Inventory(inventory.objects);
  fresh.containers();
  const [, ms] = time(() => FRAMEWORKS.map((f) => frameworkCompliance(f, { inventory: fresh, allChecks: CHECKS, ran: CHECKS, findings, inputs: ['manifests'] })));
  if (i > 0) scoreMs = Math.min(scoreMs, ms);
}
console.log(`compliance, all ${FRAMEWORKS.length} frameworks: ${scoreMs.toFixed(1)} ms  ÷ parse = ${(scoreMs / parseMs).toFixed(3)}`);
