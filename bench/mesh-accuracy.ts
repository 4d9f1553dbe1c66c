/**
 * Mesh checks over the shared corpus (../shared/corpus): hits per check with samples to review by
 * hand, and the cost of the mesh checks relative to parsing, in one run.
 *
 *   node --import tsx bench/mesh-accuracy.ts [--all]
 *
 * The corpus is scanned as one inventory, so namespace-level checks see every project's policies.
 */
import { runChecks } from '../src/engine/run-checks.js';
import { CHECKS } from '../src/checks/index.js';
import { Inventory } from '../src/model/inventory.js';
import type { K8sObject } from '../src/model/object.js';
import { loadText, withIds } from '../src/sources/manifests.js';
import { readCorpus } from './corpus.js';

const all = process.argv.includes('--all');
const meshChecks = CHECKS.filter((c) => c.category === 'mesh');
const files = readCorpus();
if (files.length === 0) process.exit(0);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

const objects: K8sObject[] = withIds(files.flatMap((f) => loadText(f.text, f.name).objects));
let parseMs = Infinity;
let scanMs = Infinity;
let findings: ReturnType<typeof runChecks> = [];
for (let run = 0; run < 3; run++) {
  const t0 = process.hrtime.bigint();
  for (const f of files) loadText(f.text, f.name);
  parseMs = Math.min(parseMs, ms(t0));
  const t1 = process.hrtime.bigint();
  findings = runChecks(meshChecks, new Inventory(objects), []);
  scanMs = Math.min(scanMs, ms(t1));
}
console.log(`corpus: ${files.length} files, ${objects.length} objects; ${findings.length} mesh findings`);
console.log(`parse ${parseMs.toFixed(0)} ms, mesh checks ${scanMs.toFixed(1)} ms: mesh checks ÷ parse = ${(scanMs / parseMs).toFixed(4)}`);
for (const c of meshChecks) {
  const list = findings.filter((f) => f.checkId === c.id);
  console.log(`  ${String(list.length).padStart(5)}  ${c.id}`);
  for (const f of all ? list : list.slice(0, 4)) console.log(`           ${f.location.file}:${f.location.line} [${f.severity}] ${f.message}`);
}
