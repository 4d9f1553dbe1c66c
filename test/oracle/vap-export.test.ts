// `kubeward policy export-vap` exactness against the real API server: the exported ValidatingAdmissionPolicies are
// applied to a real kube-apiserver twice (bindings with Deny for namespace vap-deny, with Warn for vap-warn-0..2), and
// every exportable check's examples plus seeded random pods (bare and wrapped in each workload kind) are created
// through the API with dryRun. On every object the server's verdict must equal kubeward's on the object as the
// server stored it (defaulted, admitted by the other plugins): the policies that warn are exactly the checks that
// report a finding, and the object is denied exactly when one does, by one of them.
//
// KUBEWARD_ORACLE_SEED=n picks other pods; KUBEWARD_ORACLE_VAP_PODS=n makes more (or fewer).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CHECKS } from '../../src/checks/index.js';
import type { Example } from '../../src/checks/define.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { exportVap } from '../../src/engine/vap-export.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';
import { apiServerSkipFor, startApiServer, type ApiServer } from '../helpers/apiserver.js';
import { mapLimit } from '../helpers/random.js';
import { collectionPath, POD_KINDS, randomPods, wrapPod } from './pod-gen.js';
import { rng, type Json, type Random } from './rbac-gen.js';

const SEED = Number(process.env.KUBEWARD_ORACLE_SEED ?? 20261207);
const PODS = Number(process.env.KUBEWARD_ORACLE_VAP_PODS ?? 100);
const HARDENED = 28;
const VAP = 'admissionregistration.k8s.io/v1';
const { exported, notExported, objects: denyObjects } = exportVap(CHECKS, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'vap-deny' } } });
// The API server keeps at most 4 KiB of warnings per response (k8s.io/apiserver, truncating and then dropping
// the rest), about 20 policy warnings: the Warn bindings are split over three namespaces, a third of the policies each.
const WARN_GROUPS = [0, 1, 2].map((g) => ({ ns: `vap-warn-${g}`, ids: exported.filter((_, i) => i % 3 === g) }));
const warnObjects = WARN_GROUPS.flatMap((g) => exportVap(CHECKS, { checks: g.ids, actions: ['Warn'], namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': g.ns } } }).objects
  .filter((o) => o.kind === 'ValidatingAdmissionPolicyBinding'));
const warnNs = (id: string) => WARN_GROUPS.find((g) => g.ids.includes(id))!.ns;
const EXPORTED = CHECKS.filter((c) => exported.includes(c.id));
const WORKLOAD_KINDS = new Set<string>(POD_KINDS);

interface Case { origin: string; object: Json }

/** Each exportable check's examples that are workloads (no check options: the policies bake in the defaults). */
function exampleCases(): { cases: Case[]; withOptions: number } {
  const cases: Case[] = [];
  let withOptions = 0;
  for (const check of EXPORTED) {
    for (const [kind, list] of [['fail', check.examples.fail], ['pass', check.examples.pass]] as const) {
      list.forEach((ex: Example, i) => {
        if (typeof ex !== 'string' && !('yaml' in ex)) return;
        if (typeof ex !== 'string' && ex.options) return void withOptions++;
        const text = typeof ex === 'string' ? ex : ex.yaml;
        parseAllDocuments(text).forEach((doc, d) => {
          const o = doc.toJS() as Json | null;
          if (!o || !WORKLOAD_KINDS.has(o.kind as string)) return;
          cases.push({ origin: `${check.id} ${kind}[${i}]${d ? `#${d}` : ''}`, object: o });
        });
      });
    }
  }
  return { cases, withOptions };
}

const HEX = 'a3f1'.repeat(16);
const IMAGES = ['nginx', 'nginx:latest', 'registry.example/app:1.0', 'registry.example/app:Stable', 'localhost:5000/app', 'localhost:5000/app:2.1',
  `registry.example/app@sha256:${HEX}`, `registry.example/app:1.0@sha256:${HEX}`, 'registry.example/app@sha256:abc', `app@sha512:${HEX}${HEX}`, 'app:nightly', 'app:v1.2.3'];
const CAPS = ['NET_RAW', 'cap_net_raw', 'SYS_ADMIN', 'ALL', 'NET_ADMIN', 'CHOWN', 'BPF', 'SYS_PTRACE', 'NET_BIND_SERVICE'];

/**
 * The fields the pod generator (built for Pod Security) leaves alone, set at random: images (tags, digests, good and
 * malformed), pull policies, resources (container and none), probes, Secrets in env, read-only root filesystems,
 * capabilities in other spellings, privileged ports, a shared process namespace and restart policies.
 */
function decorate(r: Random, pod: Json): Json {
  const spec = pod.spec as Json;
  if (r.chance(0.1)) spec.shareProcessNamespace = r.chance(0.7);
  if (r.chance(0.15)) spec.restartPolicy = r.pick(['Always', 'OnFailure', 'Never']);
  for (const c of [...(spec.containers as Json[]), ...((spec.initContainers as Json[] | undefined) ?? [])]) {
    c.image = r.pick(IMAGES);
    if (r.chance(0.4)) c.imagePullPolicy = r.pick(['Always', 'IfNotPresent', 'Never']);
    if (r.chance(0.6)) {
      const res: Json = {};
      for (const section of ['limits', 'requests']) {
        if (!r.chance(0.6)) continue;
        const q: Json = {};
        if (r.chance(0.7)) q.memory = '128Mi';
        if (r.chance(0.7)) q.cpu = '100m';
        if (r.chance(0.3)) q['ephemeral-storage'] = '1Gi';
        res[section] = q;
      }
      // A request above its limit is invalid: keep requests equal to limits.
      if (res.limits && res.requests) for (const k of Object.keys(res.requests as Json)) if ((res.limits as Json)[k] === undefined) delete (res.requests as Json)[k];
      c.resources = res;
    }
    if (r.chance(0.3)) c.livenessProbe = { httpGet: { path: '/healthz', port: 8080 } };
    if (r.chance(0.3)) c.readinessProbe = { tcpSocket: { port: 8080 } };
    if (r.chance(0.15)) c.env = [{ name: 'A', value: 'x' }, ...(r.chance(0.6) ? [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'token' } } }] : [])];
    if (r.chance(0.08)) c.envFrom = [r.chance(0.5) ? { secretRef: { name: 's' } } : { configMapRef: { name: 'cm' } }];
    const sc = (c.securityContext as Json | undefined) ?? {};
    if (r.chance(0.3)) sc.readOnlyRootFilesystem = r.chance(0.7);
    if (r.chance(0.2)) {
      const caps = (sc.capabilities as Json | undefined) ?? {};
      if (r.chance(0.5)) caps.add = r.some(CAPS, 1, 2);
      if (r.chance(0.5)) caps.drop = r.some(['ALL', 'NET_RAW', 'cap_net_raw', 'all', 'CHOWN'], 1, 2);
      sc.capabilities = caps;
    }
    if (Object.keys(sc).length) c.securityContext = sc;
    if (r.chance(0.05) && !spec.hostNetwork) c.ports = [{ containerPort: 80, hostPort: r.pick([80, 443, 8443]) }];
    if (r.chance(0.05) && spec.hostNetwork) c.ports = [{ containerPort: r.pick([80, 8080]) }];
  }
  return pod;
}

/** One deviation from the hardened pod each (the policies it should trip are what kubeward says). */
const DEVIATIONS: ((spec: Json, c: Json) => void)[] = [
  () => {},
  (_, c) => void (c.image = 'registry.example/app:latest'),
  (_, c) => void ((c.securityContext as Json).privileged = true, (c.securityContext as Json).allowPrivilegeEscalation = true),
  (s) => void (s.hostPID = true, delete s.hostUsers),
  (_, c) => void delete (c.resources as Json).limits,
  (_, c) => void delete c.livenessProbe,
  (_, c) => void ((c.securityContext as Json).readOnlyRootFilesystem = false),
  (_, c) => void (c.env = [{ name: 'T', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]),
  (s) => void (s.volumes = [{ name: 'h', hostPath: { path: '/var/log' } }]),
  (_, c) => void (((c.securityContext as Json).capabilities as Json).add = ['NET_BIND_SERVICE']),
  (s) => void delete (s.securityContext as Json).seccompProfile,
  (s) => void (s.shareProcessNamespace = true),
  (s) => void delete s.hostUsers,
  (_, c) => void (c.imagePullPolicy = 'IfNotPresent', c.image = 'registry.example/app:1.0'),
];

/** Pods that pass every exported policy, each with one deviation from the list in turn, in every kind. */
function hardenedCases(n: number): Case[] {
  return Array.from({ length: n }, (_, i) => {
    const c: Json = {
      name: 'app', image: `registry.example/app@sha256:${HEX}`, imagePullPolicy: 'Always',
      resources: { limits: { memory: '128Mi', cpu: '100m', 'ephemeral-storage': '1Gi' }, requests: { memory: '128Mi', cpu: '100m' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 } }, readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    };
    const spec: Json = { hostUsers: false, automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [c], volumes: [{ name: 'tmp', emptyDir: {} }] };
    // Every other pod keeps the hardened spec: the policies must admit it.
    if (i % 2 === 0) DEVIATIONS[(i / 2) % DEVIATIONS.length]!(spec, c);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `hardened-${i}` }, spec };
    const kind = POD_KINDS[i % POD_KINDS.length]!;
    return { origin: `hardened ${i} as ${kind}`, object: wrapPod(pod, kind) };
  });
}

/** Random pods (decorated), every fourth bare and the others wrapped in a workload kind in turn. */
function randomCases(): Case[] {
  const r = rng(SEED + 1);
  return randomPods(SEED, PODS).map((p) => decorate(r, p)).map((pod, i) => {
    const kind = i % 4 === 0 ? 'Pod' : POD_KINDS[1 + (i % (POD_KINDS.length - 1))]!;
    return { origin: `random ${(pod.metadata as Json).name} as ${kind}`, object: wrapPod(pod, kind) };
  });
}

/** The object named `name`, ready to create in `namespace`. */
function placed(o: Json, name: string, namespace: string): Json {
  const metadata: Json = { ...(o.metadata as Json), name, namespace };
  return { ...o, metadata };
}

/** The exported checks that report a finding on one object (kubeward's verdict). */
function kubewardFinds(stored: Json): string[] {
  const loaded = loadText(JSON.stringify(stored), 'stored.json');
  assert.deepEqual(loaded.problems, []);
  const findings = runChecks(EXPORTED, new Inventory(withIds(loaded.objects)), []);
  assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), []);
  return [...new Set(findings.map((f) => f.checkId))].sort();
}

const POLICY_IN = /ValidatingAdmissionPolicy '([a-z0-9-]+)'/g;
const idsIn = (text: string) => [...new Set([...text.matchAll(POLICY_IN)].map((m) => m[1]!.replace(/^kubeward-/, '')))].sort();

describe('export-vap oracle: the API server enforcing the exported policies agrees with kubeward', { skip: apiServerSkipFor(['etcd', 'kube-apiserver', 'kube-controller-manager']) }, () => {
  let api: ApiServer;

  before(async () => {
    // The controller-manager's status controller type-checks the policies (status.typeChecking).
    api = await startApiServer({ controllers: ['validatingadmissionpolicy-status-controller'] });
    for (const name of ['vap-plain', 'vap-deny', ...WARN_GROUPS.map((g) => g.ns)]) {
      assert.equal((await api.request('POST', '/api/v1/namespaces', { metadata: { name } })).status, 201);
      // No controller-manager here: the ServiceAccount admission plugin needs the default service account.
      assert.equal((await api.request('POST', `/api/v1/namespaces/${name}/serviceaccounts`, { metadata: { name: 'default' } })).status, 201);
    }
    for (const o of [...denyObjects, ...warnObjects]) {
      const plural = o.kind === 'ValidatingAdmissionPolicy' ? 'validatingadmissionpolicies' : 'validatingadmissionpolicybindings';
      const r = await api.request('POST', `/apis/${VAP}/${plural}`, o);
      assert.equal(r.status, 201, r.text);
    }
  });
  after(async () => api?.stop());

  /** A dry-run create: status, the stored object, the policies named in warnings and in a denial. */
  async function create(o: Json, namespace: string) {
    const r = await api.request<Json>('POST', collectionPath(o.kind as string, namespace), o, { query: { dryRun: 'All' } });
    const warning = r.headers.warning;
    return {
      status: r.status,
      body: r.body,
      message: (r.body?.message as string | undefined) ?? r.text,
      warned: idsIn(Array.isArray(warning) ? warning.join('\n') : (warning ?? '')),
      warningText: Array.isArray(warning) ? warning.join('\n') : (warning ?? ''),
    };
  }

  test('the policies compile: no type-checking warning on any expression', async () => {
    // The API server type-checks each policy in the background against the schemas of the kinds it matches.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await api.request<{ items: Json[] }>('GET', `/apis/${VAP}/validatingadmissionpolicies`);
      const items = r.body.items.filter((p) => (p.metadata as Json).name !== undefined && String((p.metadata as Json).name).startsWith('kubeward-'));
      const checked = items.filter((p) => (p.status as Json | undefined)?.observedGeneration === (p.metadata as Json).generation);
      if (checked.length === exported.length) {
        const warnings = checked.flatMap((p) => (((p.status as Json).typeChecking as Json | undefined)?.expressionWarnings as Json[] | undefined ?? []).map((w) => `${(p.metadata as Json).name} ${w.fieldRef}: ${w.warning}`));
        assert.deepEqual(warnings, []);
        break;
      }
      assert.ok(Date.now() < deadline, `only ${checked.length} of ${exported.length} policies type-checked in 60 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  test('every exportable check\'s examples and random workloads: the server denies and warns exactly as kubeward finds', async () => {
    const { cases: examples, withOptions } = exampleCases();
    const cases = [...examples, ...randomCases(), ...hardenedCases(HARDENED)].map((c, i) => ({ ...c, name: `o-${i}` }));
    // As stored: each object created where no policy applies (validation, defaulting, the other admission plugins).
    const plain = await mapLimit(cases, 8, (c) => create(placed(c.object, c.name, 'vap-plain'), 'vap-plain'));
    const valid = cases.filter((_, i) => plain[i]!.status === 201);
    // Active: every policy has warned on a valid failing example of its check (bindings take effect asynchronously).
    // A check none of whose failing examples the server accepts cannot fire through the API (e.g. procMount:
    // Unmasked is valid only with hostUsers: false, which the latest policy exempts).
    const probes = EXPORTED.map((check) => ({ id: check.id, cs: valid.filter((c) => c.origin.startsWith(`${check.id} fail[`)) }));
    const unfireable = probes.filter((p) => p.cs.length === 0).map((p) => p.id);
    for (let deadline = Date.now() + 60_000, pending = probes.filter((p) => p.cs.length); ;) {
      const seen = await mapLimit(pending, 8, async (p) => (await create(placed(p.cs[0]!.object, p.cs[0]!.name, warnNs(p.id)), warnNs(p.id))).warned.includes(p.id));
      pending = pending.filter((_, i) => !seen[i]);
      if (pending.length === 0) break;
      assert.ok(Date.now() < deadline, `policies not active after 60 s: ${pending.map((p) => p.id).join(', ')}`);
      await new Promise((r) => setTimeout(r, 500));
    }

    const results = await mapLimit(cases, 8, async (c, ) => {
      const p = plain[cases.indexOf(c)]!;
      if (p.status !== 201) return { c, invalid: `${p.status} ${p.message}` };
      const warns = [];
      for (const g of WARN_GROUPS) warns.push(await create(placed(c.object, c.name, g.ns), g.ns));
      const warn = { status: Math.max(...warns.map((w) => w.status)), message: warns.map((w) => w.message).join('; '), warned: warns.flatMap((w) => w.warned).sort(), warningText: warns.map((w) => w.warningText).join('\n'), longest: Math.max(...warns.map((w) => w.warningText.length)) };
      const deny = await create(placed(c.object, c.name, 'vap-deny'), 'vap-deny');
      return { c, stored: p.body, warn, deny };
    });
    let agree = 0, judged = 0, denied = 0, maxWarnings = 0, longestWarnings = 0;
    const invalid: string[] = [];
    const disagreements: string[] = [];
    const perCheck = new Map<string, number>();
    for (const r of results) {
      if ('invalid' in r) {
        invalid.push(`${r.c.origin}: ${r.invalid}`);
        continue;
      }
      judged++;
      const ours = kubewardFinds(r.stored!);
      for (const id of ours) perCheck.set(id, (perCheck.get(id) ?? 0) + 1);
      const warned = r.warn!.warned;
      maxWarnings = Math.max(maxWarnings, warned.length);
      longestWarnings = Math.max(longestWarnings, r.warn!.longest);
      assert.equal(r.warn!.status, 201, `${r.c.origin}: warn namespace refused: ${r.warn!.message}`);
      const deniedBy = r.deny!.status === 201 ? [] : idsIn(r.deny!.message);
      if (r.deny!.status !== 201) {
        denied++;
        assert.equal(r.deny!.status, 403, `${r.c.origin}: ${r.deny!.message}`);
      }
      const ok = warned.join() === ours.join() && (deniedBy.length > 0) === (ours.length > 0) && deniedBy.every((id) => ours.includes(id));
      if (ok) agree++;
      else disagreements.push(`${r.c.origin} (${r.c.object.kind}): server warned [${warned.join(', ')}] denied [${deniedBy.join(', ')}]; kubeward [${ours.join(', ')}]\n  ${r.warn!.warningText.slice(0, 600)}\n  ${JSON.stringify((r.c.object as Json).spec).slice(0, 800)}`);
    }
    // Ephemeral containers cannot be created with a pod: they are added to a stored pod through its
    // pods/ephemeralcontainers subresource (what `kubectl debug` does), which the policies match too.
    const ephemeral = results.filter((r) => 'invalid' in r && r.invalid!.includes('ephemeralContainers: Forbidden: cannot be set on create'));
    let ephemeralAgree = 0;
    for (const { c } of ephemeral) {
      const spec = (c.object as Json).spec as Json;
      const warned: string[] = [];
      let stored: Json = {};
      for (const g of WARN_GROUPS) {
        const base = placed({ ...c.object, spec: { ...spec, ephemeralContainers: undefined } }, `${c.name}-base`, g.ns);
        const made = await api.request<Json>('POST', collectionPath('Pod', g.ns), base);
        assert.equal(made.status, 201, made.text);
        const pod = made.body;
        (pod.spec as Json).ephemeralContainers = spec.ephemeralContainers;
        const r = await api.request<Json>('PUT', `/api/v1/namespaces/${g.ns}/pods/${c.name}-base/ephemeralcontainers`, pod, { query: { dryRun: 'All' } });
        assert.equal(r.status, 200, r.text);
        const w = r.headers.warning;
        warned.push(...idsIn(Array.isArray(w) ? w.join('\n') : (w ?? '')));
        stored = r.body;
      }
      warned.sort();
      const ours = kubewardFinds(stored);
      if (warned.join() === ours.join()) ephemeralAgree++;
      else disagreements.push(`${c.origin} (ephemeral containers added): server warned [${warned.join(', ')}]; kubeward [${ours.join(', ')}]`);
      for (const id of ours) perCheck.set(id, (perCheck.get(id) ?? 0) + 1);
      const i = invalid.findIndex((m) => m.startsWith(`${c.origin}:`));
      if (i >= 0) invalid.splice(i, 1);
    }
    const silent = exported.filter((id) => !perCheck.has(id) && !unfireable.includes(id));
    console.log(`# export-vap oracle: seed ${SEED}, ${exported.length} policies exported (${notExported.length} checks not exportable), ${cases.length} objects (${examples.length} check examples, ${withOptions} examples with check options left out, ${PODS} random pods across ${POD_KINDS.length} kinds, ${HARDENED} hardened pods, every other one with one deviation), ${invalid.length} refused by validation, ${judged} judged, ${denied} denied; verdicts and policy sets: ${agree}/${judged} agree; most policies failing one object: ${maxWarnings}, longest warnings of one response: ${longestWarnings} characters; ephemeral containers added to ${ephemeral.length} stored pods: ${ephemeralAgree}/${ephemeral.length} agree; policies no valid object can fail: ${unfireable.join(', ') || 'none'}`);
    // Below the server's 4 KiB of warnings per response, so that no warning was cut or dropped.
    assert.ok(longestWarnings < 3800, `${longestWarnings} characters of warnings in one response: split the Warn bindings further`);
    assert.deepEqual(disagreements.slice(0, 8), [], `${disagreements.length} of ${judged} disagree`);
        assert.deepEqual(invalid.filter((m) => !m.startsWith('random') && !m.startsWith('proc-mount-unmasked fail')), [], 'check examples the API server refuses');
    assert.ok(denied < judged - 10, `only ${judged - denied} objects admitted in vap-deny: the allowed side is not exercised`);
    assert.ok(invalid.filter((m) => m.startsWith('random')).length <= PODS * 0.1, `${invalid.length} invalid: ${invalid.slice(0, 5).join('\n')}`);
    // Every policy denied something: no policy that never fires passes by default.
    assert.deepEqual(silent, [], 'policies that never fired');
  });

  test('kubeward.io/ignore on the object skips the policies it names, as a scan skips their findings', async () => {
    const hardened = hardenedCases(1)[0]!.object;
    const spec = hardened.spec as Json;
    const c = (spec.containers as Json[])[0]!;
    c.securityContext = { ...(c.securityContext as Json), privileged: true, allowPrivilegeEscalation: true };
    const deployment = wrapPod(hardened, 'Deployment');
    const plain = await create(placed(deployment, 'ignored', 'vap-plain'), 'vap-plain');
    assert.equal(plain.status, 201, plain.message);
    assert.deepEqual(kubewardFinds(plain.body), ['allow-privilege-escalation', 'privileged-container']);
    const annotated = (value: string) => placed({ ...deployment, metadata: { annotations: { 'kubeward.io/ignore': value } } }, 'ignored', 'vap-deny');
    const both = await create(annotated('privileged-container, allow-privilege-escalation: node debugging'), 'vap-deny');
    assert.equal(both.status, 201, both.message);
    const one = await create(annotated('privileged-container: node debugging'), 'vap-deny');
    assert.equal(one.status, 403);
    assert.deepEqual(idsIn(one.message), ['allow-privilege-escalation']);
    assert.equal((await create(annotated('*'), 'vap-deny')).status, 201);
  });
});
