/**
 * Secret detection over the shared corpus (../shared/corpus): hits per rule and per project, with
 * masked samples to review by hand, and the cost of the scan relative to parsing, in one run.
 *
 *   node --import tsx bench/secrets-accuracy.ts            # summary + up to 5 samples per rule
 *   node --import tsx bench/secrets-accuracy.ts --all      # every hit
 *
 * Output never holds a secret value: only the masked hints the checks put in their findings.
 */
import { runChecks } from '../src/engine/run-checks.js';
import { CHECKS } from '../src/checks/index.js';
import { Inventory } from '../src/model/inventory.js';
import { loadText, withIds } from '../src/sources/manifests.js';
import type { K8sObject } from '../src/model/object.js';
import { readCorpus } from './corpus.js';

const all = process.argv.includes('--all');
const secretChecks = CHECKS.filter((c) => c.category === 'secrets');
const files = readCorpus();
if (files.length === 0) process.exit(0);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

// Parse once to have the objects; the parse time is measured on a second, identical pass.
let objects: K8sObject[] = [];
for (const f of files) objects.push(...loadText(f.text, f.name).objects.map((o, i) => ({ ...o, id: objects.length + i })));
objects = withIds(objects);
let parseMs = Infinity;
let scanMs = Infinity;
let findings: ReturnType<typeof runChecks> = [];
for (let run = 0; run < 3; run++) {
  const t0 = process.hrtime.bigint();
  for (const f of files) loadText(f.text, f.name);
  parseMs = Math.min(parseMs, ms(t0));
  const t1 = process.hrtime.bigint();
  findings = runChecks(secretChecks, new Inventory(objects), []);
  scanMs = Math.min(scanMs, ms(t1));
}

const ruleOf = (found: unknown) => String(found ?? '').split(':')[0]!;
const byRule = new Map<string, typeof findings>();
const byProject = new Map<string, number>();
const byCheck = new Map<string, number>();
for (const f of findings) {
  const rule = ruleOf(f.evidence?.found);
  byRule.set(rule, [...(byRule.get(rule) ?? []), f]);
  const project = f.location.file.split('/')[0]!;
  byProject.set(project, (byProject.get(project) ?? 0) + 1);
  byCheck.set(f.checkId, (byCheck.get(f.checkId) ?? 0) + 1);
}

console.log(`corpus: ${files.length} files, ${objects.length} objects; ${findings.length} secret findings`);
console.log(`parse ${parseMs.toFixed(0)} ms, secret checks ${scanMs.toFixed(0)} ms: secret scan ÷ parse = ${(scanMs / parseMs).toFixed(3)}`);
console.log('\nper check:');
for (const [k, n] of [...byCheck].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${k}`);
console.log('\nper project:');
for (const [k, n] of [...byProject].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)}  ${k}`);
console.log('\nper rule, with samples:');
for (const [rule, list] of [...byRule].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${String(list.length).padStart(5)}  ${rule}`);
  for (const f of all ? list : list.slice(0, 5)) console.log(`           ${f.location.file}:${f.location.line} ${f.checkId}: ${f.message}`);
}
