/**
 * The RBAC checks of issues 13, 11 and 20 over the shared corpus: hits per check, with samples to read by
 * hand, scanned two ways in one run: as one inventory (every project's objects in one "cluster", so a
 * binding in one project gives paths to subjects of another) and per project (the corpus's top folder).
 *
 *   node --import tsx bench/rbac-issue13-accuracy.ts [CORPUS_DIR] [--all]
 */
import { runChecks } from '../src/engine/run-checks.js';
import { CHECKS } from '../src/checks/index.js';
import { Inventory } from '../src/model/inventory.js';
import type { K8sObject } from '../src/model/object.js';
import { loadText, withIds } from '../src/sources/manifests.js';
import { corpusDir, readCorpus } from './corpus.js';

export const IDS = [
  'rbac-cluster-admin-binding', 'rbac-workload-power', 'rbac-secrets-read', 'rbac-escalation-to-cluster-admin', 'rbac-delete-events',
  'rbac-coredns-config-write', 'rbac-broad-delete', 'rbac-dashboard-service-account-power', 'rbac-services-proxy', 'rbac-apiservice-write',
  'apiservice-insecure-skip-tls-verify',
];
const all = process.argv.includes('--all');
const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? corpusDir;
const checks = CHECKS.filter((c) => IDS.includes(c.id));
const files = readCorpus(dir);
if (files.length === 0) process.exit(0);

const project = (name: string) => name.split('/')[0]!;
const objectsOf = (fs: typeof files): K8sObject[] => withIds(fs.flatMap((f) => loadText(f.text, f.name).objects));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const t0 = process.hrtime.bigint();
const objects = objectsOf(files);
const parseMs = ms(t0);
const t1 = process.hrtime.bigint();
const one = runChecks(checks, new Inventory(objects), []);
const checksMs = ms(t1);
const escalation = CHECKS.filter((c) => c.id === 'rbac-escalation-to-cluster-admin');
const t2 = process.hrtime.bigint();
runChecks(escalation, new Inventory(objects), []);
const escalationMs = ms(t2);
const per: typeof one = [];
for (const p of [...new Set(files.map((f) => project(f.name)))]) per.push(...runChecks(checks, new Inventory(objectsOf(files.filter((f) => project(f.name) === p))), []));

console.log(`corpus: ${files.length} files, ${objects.length} objects`);
console.log(`parse ${parseMs.toFixed(0)} ms; these ${checks.length} checks ${checksMs.toFixed(0)} ms (÷ parse = ${(checksMs / parseMs).toFixed(2)}); rbac-escalation-to-cluster-admin alone ${escalationMs.toFixed(0)} ms (÷ parse = ${(escalationMs / parseMs).toFixed(2)})`);
console.log(`${'check'.padEnd(40)} one inventory  per project`);
const count = (list: typeof one, id: string) => {
  const mine = list.filter((f) => f.checkId === id);
  const bySev = new Map<string, number>();
  for (const f of mine) bySev.set(f.severity, (bySev.get(f.severity) ?? 0) + 1);
  return `${mine.length} (${[...bySev].map(([s, n]) => `${s} ${n}`).join(', ') || '-'})`;
};
for (const id of IDS) {
  console.log(`${id.padEnd(40)} ${count(one, id).padEnd(14)} ${count(per, id)}`);
  const list = per.filter((f) => f.checkId === id);
  for (const f of all ? list : list.slice(0, 3)) console.log(`    ${f.location.file}:${f.location.line} [${f.severity}] ${f.message.slice(0, 240)}`);
}
