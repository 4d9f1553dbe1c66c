// The webhook's judge (src/engine/admission-review.ts) on AdmissionReview bodies: what it refuses, what it skips,
// modes, the JSONPatch, and that checks, exceptions and the kubeward.io/ignore annotation decide exactly as `scan`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { CHECKS } from '../../src/checks/index.js';
import { NEEDS_OTHER_OBJECTS } from '../../src/engine/admission-checks.js';
import { createAdmissionReviewer, type AdmissionVerdict } from '../../src/engine/admission-review.js';
import { applyPatch } from '../../src/fix/apply-patch.js';
import { parseConfig } from '../../src/policy/config.js';
import { scan } from '../../src/engine/scan.js';
import { RequestError } from '../../src/engine/errors.js';

type Obj = Record<string, unknown>;

function deployment(name: string, ns: string, container: Obj, meta: Obj = {}): Obj {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns, labels: { app: name }, ...meta },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0', ...container }] } } },
  };
}

function review(object: Obj | undefined, request: Obj = {}): Obj {
  const md = (object?.metadata ?? {}) as Obj;
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'uid-1', operation: 'CREATE', namespace: md.namespace, name: md.name, userInfo: { username: 'alice' }, object, ...request } };
}

const PRIVILEGED = { securityContext: { privileged: true } };

function verdictOf(answer: ReturnType<ReturnType<typeof createAdmissionReviewer>['review']>): AdmissionVerdict {
  assert.equal(answer.status, 200, answer.status === 400 ? answer.error : '');
  return (answer as { verdict: AdmissionVerdict }).verdict;
}

describe('admission review: malformed bodies are 400 with a reason', () => {
  const r = createAdmissionReviewer();
  const cases: [string, unknown, RegExp][] = [
    ['not an object', [1, 2], /got a list/],
    ['null', null, /got null/],
    ['wrong kind', { apiVersion: 'admission.k8s.io/v1', kind: 'Pod' }, /kind must be AdmissionReview/],
    ['v1beta1', { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: { uid: 'x' } }, /admission\.k8s\.io\/v1 only.*admissionReviewVersions: \[v1\]/],
    ['no request', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, /request is missing/],
    ['no uid', review(deployment('a', 'n', {}), { uid: '' }), /request\.uid is missing/],
    ['CREATE without object', review(undefined), /request\.object must be an object for CREATE/],
    ['object a string', review(undefined, { object: 'apiVersion: v1' }), /request\.object must be an object/],
  ];
  for (const [name, body, want] of cases) {
    it(name, () => {
      const a = r.review(body, 'validate');
      assert.equal(a.status, 400);
      assert.match((a as { error: string }).error, want);
    });
  }
});

describe('admission review: verdicts', () => {
  const r = createAdmissionReviewer({ admission: { rules: [{ namespaces: ['dev-*'], mode: 'warn' }, { selector: { matchLabels: { tier: 'legacy' } }, checks: ['C-0057'], mode: 'audit' }] } });

  it('denies a privileged Deployment naming the check, the field and the fix; echoes the uid', () => {
    const a = r.review(review(deployment('web', 'prod', PRIVILEGED)), 'validate');
    const v = verdictOf(a);
    const resp = (a as unknown as { body: { response: Obj } }).body.response;
    assert.equal(resp.uid, 'uid-1');
    assert.equal(resp.allowed, false);
    assert.equal(v.result, 'denied');
    assert.deepEqual(v.denied.map((f) => [f.checkId, f.field]), [['privileged-container', 'spec.template.spec.containers[0].securityContext.privileged']]);
    const status = resp.status as { code: number; message: string };
    assert.equal(status.code, 403);
    assert.match(status.message, /^kubeward: Deployment prod\/web fails 1 enforced check:\n- \[privileged-container\] critical at spec\.template\.spec\.containers\[0\]\.securityContext\.privileged: .*Fix: Remove/);
    // Medium findings warn by default, low and info are recorded.
    assert.ok(v.warned.some((f) => f.checkId === 'run-as-non-root'));
    assert.ok((resp.warnings as string[]).every((w) => w.startsWith('kubeward [') && w.length <= 256));
    assert.ok(v.audited.some((f) => f.checkId === 'resource-limits'));
  });

  it('a namespace rule turns enforce into warn; a selector + alias rule into audit', () => {
    const dev = verdictOf(r.review(review(deployment('web', 'dev-alice', PRIVILEGED)), 'validate'));
    assert.equal(dev.allowed, true);
    assert.equal(dev.result, 'warned');
    assert.ok(dev.warned.some((f) => f.checkId === 'privileged-container'));
    // Warnings are single printable lines whatever the object holds (a mutating webhook sees objects not yet validated).
    const odd = r.review(review(deployment('web', 'dev-bob', { name: 'a\nb\u0007', ...PRIVILEGED })), 'validate') as unknown as { body: { response: { warnings: string[] } } };
    assert.ok(odd.body.response.warnings.length > 3 && odd.body.response.warnings.every((w) => !/[\u0000-\u001f]/.test(w)));
    const legacy = verdictOf(r.review(review(deployment('old', 'prod', PRIVILEGED, { labels: { tier: 'legacy' } })), 'validate'));
    assert.equal(legacy.allowed, true);
    assert.ok(legacy.audited.some((f) => f.checkId === 'privileged-container'));
  });

  it('a kind no check judges is allowed with nothing found; a custom resource with a pod template is judged', () => {
    const cm = verdictOf(r.review(review({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'prod' }, data: { a: 'b' } }), 'validate'));
    assert.deepEqual([cm.allowed, cm.denied.length, cm.warned.length], [true, 0, 0]);
    const widget = verdictOf(r.review(review({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'prod' }, spec: { template: { spec: { containers: [{ name: 'x', image: 'busybox:1.36', ...PRIVILEGED }] } } } }), 'validate'));
    assert.ok(widget.denied.some((f) => f.checkId === 'privileged-container'));
  });

  it('skips DELETE, subresources, objects being deleted and controller-made children', () => {
    const d = deployment('web', 'prod', PRIVILEGED);
    assert.match(verdictOf(r.review(review(undefined, { operation: 'DELETE', oldObject: d }), 'validate')).skipped ?? '', /DELETE is not judged/);
    assert.match(verdictOf(r.review(review(d, { subResource: 'scale' }), 'validate')).skipped ?? '', /subresource scale/);
    const deleting = { ...d, metadata: { ...(d.metadata as Obj), deletionTimestamp: '2026-01-01T00:00:00Z' } };
    assert.match(verdictOf(r.review(review(deleting, { operation: 'UPDATE' }), 'validate')).skipped ?? '', /being deleted/);
    const rs = { ...d, kind: 'ReplicaSet', metadata: { ...(d.metadata as Obj), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u', controller: true }] } };
    assert.match(verdictOf(r.review(review(rs, { userInfo: { username: 'system:serviceaccount:kube-system:deployment-controller' } }), 'validate')).skipped ?? '', /judged when it was admitted/);
    // The same owner reference written by a user is judged.
    assert.equal(verdictOf(r.review(review(rs), 'validate')).result, 'denied');
  });

  it('marks dry runs (the server writes no audit record for them) and judges them the same', () => {
    const v = verdictOf(r.review(review(deployment('web', 'prod', PRIVILEGED), { dryRun: true }), 'validate'));
    assert.equal(v.dryRun, true);
    assert.equal(v.result, 'denied');
  });

  it('does not run checks that need other objects of the cluster', () => {
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const id of NEEDS_OTHER_OBJECTS) assert.ok(ids.has(id), `${id} is a check`);
    assert.equal(r.checks.some((c) => NEEDS_OTHER_OBJECTS.includes(c.id)), false);
    const v = verdictOf(r.review(review(deployment('web', 'prod', {})), 'validate'));
    assert.equal([...v.denied, ...v.warned, ...v.audited].some((f) => f.checkId === 'workload-without-network-policy' || f.checkId === 'pod-disruption-budget-missing'), false);
  });
});

describe('admission review: mutate', () => {
  it('returns the opted-in fixes as a base64 JSONPatch that makes the checks pass', () => {
    const r = createAdmissionReviewer({ admission: { mutate: { checks: ['privileged-container', 'allow-privilege-escalation', 'run-as-non-root'], namespaces: ['team-*'] } } });
    const obj = deployment('web', 'team-a', PRIVILEGED);
    const a = r.review(review(obj), 'mutate');
    const v = verdictOf(a);
    const resp = (a as unknown as { body: { response: Obj } }).body.response;
    assert.equal(resp.patchType, 'JSONPatch');
    assert.deepEqual([...v.fixed].sort(), ['allow-privilege-escalation', 'privileged-container', 'run-as-non-root']);
    const patch = JSON.parse(Buffer.from(resp.patch as string, 'base64').toString('utf8'));
    const fixed = applyPatch(obj, patch) as Obj;
    const after = verdictOf(r.review(review(fixed), 'validate'));
    assert.equal(after.allowed, true);
    assert.equal([...after.warned, ...after.audited].some((f) => v.fixed.includes(f.checkId)), false);
    // Outside the namespaces: no patch.
    const other = r.review(review(deployment('web', 'prod', PRIVILEGED)), 'mutate');
    assert.equal((other as unknown as { body: { response: Obj } }).body.response.patch, undefined);
  });

  it('refuses a policy that names an unknown check or a check without a fix', () => {
    assert.throws(() => createAdmissionReviewer({ admission: { mutate: { checks: ['privileged-containr'] } } }), (e: Error) => e instanceof RequestError && /did you mean "privileged-container"/.test(e.message));
    assert.throws(() => createAdmissionReviewer({ admission: { mutate: { checks: ['host-pid'] } } }), /host-pid has no fix/);
    assert.throws(() => createAdmissionReviewer({ admission: { rules: [{ checks: ['nope'], mode: 'warn' }] } }), /admission\.rules\[0\]\.checks: unknown check/);
  });

  it('reads the admission section of .kubeward.yaml and names bad keys', () => {
    const ok = parseConfig('admission:\n  severityModes: {medium: audit}\n  rules: [{namespaces: [dev], mode: warn}]\n  mutate: [run-as-non-root]\n', 'k.yaml');
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.config.admission, { severityModes: { medium: 'audit' }, rules: [{ namespaces: ['dev'], mode: 'warn' }], mutate: { checks: ['run-as-non-root'] } });
    const bad = parseConfig('admission:\n  severityModes: {medium: enforc}\n  rules: [{namespaces: [dev]}, {mode: warn, selector: {matchExpressions: [{key: a, operator: In}]}}]\n  mutat: []\n', 'k.yaml');
    assert.deepEqual(bad.errors, [
      'k.yaml: unknown key "admission.mutat" (did you mean "mutate"?)',
      'k.yaml: admission.severityModes.medium: "enforc" is not a mode: use one of enforce, warn, audit, off (did you mean "enforce"?)',
      'k.yaml: admission.rules[0]: needs a mode (enforce, warn, audit, off)',
      'k.yaml: admission.rules[1].selector.matchExpressions[0].values: In needs at least one value',
    ]);
  });
});

describe('admission review: exceptions and kubeward.io/ignore decide as scan does', () => {
  it('the same findings kept and set aside as `scan` of the same objects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-adm-eq-'));
    try {
      const exceptionsText = 'exceptions:\n  - {check: [run-as-non-root, C-0057], object: {namespace: legacy, name: "old-*"}, reason: migrating, owner: team-a}\n  - {check: image-pull-policy, reason: pinned by policy elsewhere, owner: platform, expires: 2020-01-01}\n';
      writeFileSync(join(dir, 'exceptions.yaml'), exceptionsText);
      const objects = [
        deployment('web', 'prod', PRIVILEGED),
        deployment('old-api', 'legacy', { ...PRIVILEGED, securityContext: { privileged: true, runAsUser: 0 } }),
        deployment('agent', 'prod', { securityContext: { privileged: true, allowPrivilegeEscalation: true } }, { annotations: { 'kubeward.io/ignore': 'privileged-container, KSV001: node agent, reviewed' } }),
        deployment('all-off', 'prod', PRIVILEGED, { annotations: { 'kubeward.io/ignore': '*' } }),
        deployment('typo', 'prod', PRIVILEGED, { annotations: { 'kubeward.io/ignore': 'privileged-container,,x' } }),
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'ops' }, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'prod' }, spec: { type: 'LoadBalancer', ports: [{ port: 22 }] } },
      ];
      const settings = { exceptions: { file: join(dir, 'exceptions.yaml'), text: exceptionsText }, now: new Date('2026-06-01T00:00:00Z') };
      const reviewer = createAdmissionReviewer({ ...settings, admission: { severityModes: { critical: 'audit', high: 'audit', medium: 'audit', low: 'audit', info: 'audit' } } });
      const ran = new Set(reviewer.checks.map((c) => c.id));
      const setAside: Record<string, number> = {};
      for (const obj of objects) {
        const file = join(dir, 'obj.yaml');
        writeFileSync(file, stringify(obj));
        const report = await scan({ paths: [file], ...settings });
        const want = report.findings.filter((f) => ran.has(f.checkId)).map((f) => `${f.checkId} ${f.path}`).sort();
        const v = verdictOf(reviewer.review(review(obj), 'validate', settings.now));
        const got = v.audited.map((f) => `${f.checkId} ${f.path}`).sort();
        const name = (obj.metadata as Obj).name;
        assert.deepEqual(got, want, `${name}: findings`);
        assert.equal(v.suppressed, report.suppressed.filter((s) => ran.has(s.finding.checkId)).length, `${name}: set aside`);
        setAside[name as string] = v.suppressed;
        if (name === 'typo') assert.match(v.notes.join('\n'), /kubeward\.io\/ignore.*is not applied: has an empty check id/);
      }
      // Not vacuous: the file exception, the named annotation and `*` each set findings aside; the malformed one none.
      assert.ok(setAside['old-api']! >= 2 && setAside.agent! >= 2 && setAside['all-off']! > 5, JSON.stringify(setAside));
      assert.equal(setAside.typo, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
