// The exported ValidatingAdmissionPolicies on real manifests: every workload (Deployment, StatefulSet, DaemonSet,
// Job, CronJob, Pod, …) of the corpus files is created with dryRun through a real kube-apiserver that enforces the
// exported policies with Warn bindings, and the policies that warn are compared with kubeward's findings of the
// same checks on the object as the server stored it. Prints the counts and every disagreement.
//
//   node --import tsx bench/vap-corpus.ts [../shared/corpus] [max-files]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CHECKS } from '../src/checks/index.js';
import { runChecks } from '../src/engine/run-checks.js';
import { exportVap } from '../src/engine/vap-export.js';
import { Inventory } from '../src/model/inventory.js';
import { loadText, withIds } from '../src/sources/manifests.js';
import { startApiServer } from '../test/helpers/apiserver.js';
import { mapLimit } from '../test/helpers/random.js';
import { collectionPath, POD_KINDS } from '../test/oracle/pod-gen.js';

type Json = Record<string, any>;
const root = process.argv[2] ?? '../shared/corpus';
const maxFiles = Number(process.argv[3] ?? 400);
const KINDS = new Set<string>(POD_KINDS);
const rows = readFileSync(join(root, 'index.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const files = rows.filter((r) => r[8]!.split(',').some((k) => KINDS.has(k))).slice(0, maxFiles).map((r) => r[0]!);
const objects: { file: string; o: Json }[] = [];
for (const file of files) {
  let docs;
  try { docs = parseAllDocuments(readFileSync(join(root, 'manifests', file), 'utf8')); } catch { continue; }
  for (const d of docs) {
    let o: Json | null = null;
    try { o = d.toJS() as Json | null; } catch { /* not YAML: skip */ }
    if (o && typeof o === 'object' && KINDS.has(o.kind) && typeof o.metadata?.name === 'string' && /^(v1|apps\/v1|batch\/v1)$/.test(o.apiVersion)) objects.push({ file, o });
  }
}

// The API server keeps at most 4 KiB of warnings per response (about 20): the Warn bindings are split over three
// namespaces, and each object is created in each.
const { exported } = exportVap(CHECKS);
const GROUPS = [0, 1, 2].map((g) => ({ ns: `corpus-${g}`, ids: exported.filter((_, i) => i % 3 === g) }));
const policies = GROUPS.flatMap((g, k) => exportVap(CHECKS, { checks: g.ids, actions: ['Warn'], namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': g.ns } } }).objects
  .filter((o) => k === 0 || o.kind === 'ValidatingAdmissionPolicyBinding'));
const EXPORTED = CHECKS.filter((c) => exported.includes(c.id));
const api = await startApiServer();
try {
  for (const { ns } of GROUPS) {
    await api.request('POST', '/api/v1/namespaces', { metadata: { name: ns } });
    await api.request('POST', `/api/v1/namespaces/${ns}/serviceaccounts`, { metadata: { name: 'default' } });
  }
  const policyObjects = [...exportVap(CHECKS).objects.filter((o) => o.kind === 'ValidatingAdmissionPolicy'), ...policies.filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding')];
  for (const p of policyObjects) await api.request('POST', `/apis/admissionregistration.k8s.io/v1/${p.kind === 'ValidatingAdmissionPolicy' ? 'validatingadmissionpolicies' : 'validatingadmissionpolicybindings'}`, p);
  await new Promise((r) => setTimeout(r, 5000));
  const results = await mapLimit(objects, 8, async ({ file, o }, ) => {
    const warned: string[] = [];
    let stored: Json = {};
    for (const { ns } of GROUPS) {
      const body = { ...o, metadata: { ...o.metadata, namespace: ns } };
      const r = await api.request<Json>('POST', collectionPath(o.kind, ns), body, { query: { dryRun: 'All' } });
      if (r.status !== 201) return { file, o, invalid: `${r.status} ${(r.body?.message ?? r.text).slice(0, 160)}` };
      const w = r.headers.warning;
      const text = Array.isArray(w) ? w.join('\n') : (w ?? '');
      warned.push(...new Set([...text.matchAll(/ValidatingAdmissionPolicy 'kubeward-([a-z0-9-]+)'/g)].map((m) => m[1]!)));
      stored = r.body;
    }
    warned.sort();
    const loaded = loadText(JSON.stringify(stored), 'stored.json');
    const ours = [...new Set(runChecks(EXPORTED, new Inventory(withIds(loaded.objects)), []).map((f) => f.checkId))].sort();
    return { file, o, warned, ours };
  });
  let agree = 0, judged = 0, findings = 0;
  const invalid: string[] = [];
  const perCheck = new Map<string, number>();
  for (const r of results) {
    if ('invalid' in r) { invalid.push(`${r.file} ${r.o.kind}/${r.o.metadata.name}: ${r.invalid}`); continue; }
    judged++;
    findings += r.ours!.length;
    for (const id of r.ours!) perCheck.set(id, (perCheck.get(id) ?? 0) + 1);
    if (r.warned!.join() === r.ours!.join()) agree++;
    else console.log(`DISAGREE ${r.file} ${r.o.kind}/${r.o.metadata.name}: server [${r.warned!.join(', ')}] kubeward [${r.ours!.join(', ')}]`);
  }
  console.log(`corpus: ${files.length} files, ${objects.length} workloads, ${invalid.length} refused by the API server (validation), ${judged} judged; ${agree}/${judged} agree; ${findings} (object, policy) denials`);
  console.log('objects each policy would deny:', [...perCheck].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${id} ${n}`).join(', '));
  for (const m of invalid.slice(0, 10)) console.log(`invalid: ${m}`);
} finally {
  await api.stop();
}
