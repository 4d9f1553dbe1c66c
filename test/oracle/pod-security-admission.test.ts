// Pod Security exactness against the real admission controller: a namespace per level and policy version
// (pod-security.kubernetes.io/enforce and enforce-version labels) on a real kube-apiserver, seeded random pods
// created in each with dryRun through the real PodSecurity admission plugin, and the same pods judged by
// kubeward's Pod Security checks with the same Namespace objects (what `kubeward scan` does with labelled
// namespaces). A pod is rejected by the server exactly when kubeward reports a Pod Security finding for it.
//
// KUBEWARD_ORACLE_SEED=n picks other pods; KUBEWARD_ORACLE_PODS=n makes more (or fewer).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runChecks } from '../../src/engine/run-checks.js';
import { CHECKS } from '../../src/checks/index.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';
import { apiServerSkip, startApiServer, type ApiServer } from '../helpers/apiserver.js';
import { randomPods } from './pod-gen.js';
import type { Json } from './rbac-gen.js';
import { mapLimit } from '../helpers/random.js';

const SEED = Number(process.env.KUBEWARD_ORACLE_SEED ?? 20261207);
const PODS = Number(process.env.KUBEWARD_ORACLE_PODS ?? 160);
const LEVELS = ['baseline', 'restricted'] as const;
const VERSIONS = ['v1.0', 'v1.19', 'v1.22', 'v1.25', 'v1.30', 'v1.34', 'v1.35', 'latest'];
const PSS_CHECKS = CHECKS.filter((c) => c.frameworks.pss);
const controlOf = new Map(PSS_CHECKS.map((c) => [c.id, c.frameworks.pss!.control]));

/** The reason PSA gives for each control (k8s.io/pod-security-admission/policy, ForbiddenReason). */
const REASON: Record<string, string> = {
  allowPrivilegeEscalation: 'allowPrivilegeEscalation != false', sysctls: 'forbidden sysctls', hostNamespaces: 'host namespaces',
  hostPathVolumes: 'hostPath volumes', hostPorts: 'hostPort', windowsHostProcess: 'hostProcess', capabilities_baseline: 'non-default capabilities',
  privileged: 'privileged', hostProbesAndHostLifecycle: 'probe or lifecycle host', procMount: 'procMount', procMount_restricted: 'procMount',
  restrictedVolumes: 'restricted volume types', runAsNonRoot: 'runAsNonRoot != true', runAsUser: 'runAsUser=0', seLinuxOptions: 'seLinuxOptions',
  seccompProfile_baseline: 'seccompProfile', seccompProfile_restricted: 'seccompProfile', capabilities_restricted: 'unrestricted capabilities',
  appArmorProfile: 'forbidden AppArmor profile',
};
const ALL_REASONS = [...new Set(Object.values(REASON))];

/** The reasons a PSA denial names: `violates PodSecurity "level:version": reason (detail), reason (detail)`. */
function reasonsIn(message: string): string[] {
  const body = message.slice(message.indexOf('": ') + 3);
  return ALL_REASONS.filter((reason) => new RegExp(`(?:^|, )${reason.replace(/[.*+?^${}()|[\]\\=!]/g, '\\$&')}s?(?: \\(|, |$)`).test(body)).sort();
}

interface Ns { name: string; level: string; version: string; object: Json }
const namespaces: Ns[] = LEVELS.flatMap((level) => VERSIONS.map((version) => {
  const name = `pss-${level}-${version.replace('.', '-')}`;
  return { name, level, version, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': version } } } };
}));

/** The pods kubeward's Pod Security checks report in a namespace (by name), with the controls they break. */
function kubewardRejects(ns: Ns, pods: Json[]): Map<string, string[]> {
  const docs = [ns.object, ...pods.map((p) => ({ ...p, metadata: { ...(p.metadata as Json), namespace: ns.name } }))];
  const loaded = loadText(docs.map((d) => JSON.stringify(d)).join('\n---\n'), `${ns.name}.yaml`);
  assert.deepEqual(loaded.problems, []);
  const findings = runChecks(PSS_CHECKS, new Inventory(withIds(loaded.objects)), []);
  assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), []);
  const out = new Map<string, string[]>();
  for (const f of findings) {
    const name = f.object?.name ?? "";
    const list = out.get(name) ?? [];
    list.push(f.checkId);
    out.set(name, list);
  }
  return out;
}


describe('Pod Security oracle: kubeward agrees with the real PodSecurity admission', { skip: apiServerSkip }, () => {
  let api: ApiServer;

  before(async () => {
    api = await startApiServer();
    for (const ns of namespaces) {
      const r = await api.request('POST', '/api/v1/namespaces', ns.object);
      assert.equal(r.status, 201, r.text);
      // No controller-manager here: the ServiceAccount admission plugin needs the default service account.
      const sa = await api.request('POST', `/api/v1/namespaces/${ns.name}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } });
      assert.equal(sa.status, 201, sa.text);
    }
  });
  after(async () => api?.stop());

  /**
   * Each pod as the API server stores it: created with dryRun in an unlabelled namespace, which runs API
   * defaulting (with hostNetwork, an unset hostPort becomes the containerPort) and admits anything valid.
   */
  async function defaulted(pods: Json[]): Promise<(Json | undefined)[]> {
    const r = await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'pss-unlabelled' } });
    assert.equal(r.status, 201, r.text);
    assert.equal((await api.request('POST', '/api/v1/namespaces/pss-unlabelled/serviceaccounts', { metadata: { name: 'default' } })).status, 201);
    return mapLimit(pods, 8, async (pod) => {
      const c = await api.request<Json>('POST', '/api/v1/namespaces/pss-unlabelled/pods', pod, { query: { dryRun: 'All' } });
      return c.status === 201 ? { apiVersion: 'v1', kind: 'Pod', metadata: { name: (pod.metadata as Json).name }, spec: c.body.spec } : undefined;
    });
  }

  test(`${PODS} random pods × ${namespaces.length} level/version namespaces: admitted exactly when kubeward finds nothing`, async () => {
    const pods = randomPods(SEED, PODS);
    const cases = namespaces.flatMap((ns) => pods.map((pod) => ({ ns, pod })));
    const answers = await mapLimit(cases, 8, async ({ ns, pod }) => {
      const r = await api.request<{ message?: string }>('POST', `/api/v1/namespaces/${ns.name}/pods`, pod, { query: { dryRun: 'All' } });
      if (r.status === 201) return { verdict: 'allowed' as const, message: '' };
      const message = r.body?.message ?? r.text;
      if (r.status === 403 && message.includes('violates PodSecurity')) return { verdict: 'denied' as const, message };
      if (r.status === 422) return { verdict: 'invalid' as const, message };
      throw new Error(`${ns.name}/${(pod.metadata as Json).name}: unexpected ${r.status}: ${message}`);
    });
    // Verdicts: kubeward on the pods as written (what `kubeward scan` of the files says). Controls: kubeward on
    // the pods as stored (what a live scan sees), since PSA judges the defaulted pod.
    const mine = new Map(namespaces.map((ns) => [ns.name, kubewardRejects(ns, pods)]));
    const stored = (await defaulted(pods)).filter((p): p is Json => p !== undefined);
    const mineStored = new Map(namespaces.map((ns) => [ns.name, kubewardRejects(ns, stored)]));
    let agree = 0, reasonsAgree = 0, denied = 0, invalid = 0;
    const disagreements: string[] = [];
    const invalidMessages = new Set<string>();
    cases.forEach(({ ns, pod }, i) => {
      const a = answers[i]!;
      const name = (pod.metadata as Json).name as string;
      if (a.verdict === 'invalid') return void (invalid++, invalidMessages.add(a.message));
      const found = mine.get(ns.name)!.get(name);
      if (a.verdict === 'denied') denied++;
      // The same verdict, and for a denial the same controls (as PSA's reasons).
      const theirs = a.verdict === 'denied' ? reasonsIn(a.message) : [];
      const ours = [...new Set((mineStored.get(ns.name)!.get(name) ?? []).map((id) => REASON[controlOf.get(id)!]!))].sort();
      if ((a.verdict === 'denied') === (found !== undefined)) agree++;
      if (theirs.join() === ours.join()) reasonsAgree++;
      if ((a.verdict === 'denied') !== (found !== undefined) || theirs.join() !== ours.join()) {
        disagreements.push(`${ns.level}:${ns.version} ${name}: server ${a.verdict} [${theirs.join('; ')}]${a.message ? ` (${a.message})` : ''}; kubeward [${ours.join('; ')}] (${(found ?? []).join(', ')})\n${JSON.stringify(pod.spec)}`);
      }
    });
    const judged = cases.length - invalid;
    console.log(`# pod security oracle: seed ${SEED}, ${PODS} pods × ${namespaces.length} namespaces = ${cases.length} dry-run creates, ${invalid} refused by validation, ${judged} judged (${denied} denied by PodSecurity), verdicts: ${agree}/${judged} agree (pods as written), controls of each denial: ${reasonsAgree}/${judged} agree (pods as stored)`);
    assert.deepEqual(disagreements.slice(0, 10), [], `${disagreements.length} of ${judged} disagree`);
    // The generator aims at valid pods; what validation refuses must stay a small share.
    assert.ok(invalid <= cases.length * 0.1, `${invalid} invalid pods: ${[...invalidMessages].slice(0, 5).join('\n')}`);
    assert.ok(denied >= judged * 0.2 && denied <= judged * 0.9, `${denied} of ${judged} denied`);
  });
});
