// The admission webhook without the API server: the judge (src/engine/admission-review.ts) on AdmissionReview
// bodies — what it refuses, what it skips, modes, the JSONPatch, and that checks, exceptions and the
// kubeward.io/ignore annotation decide exactly as `scan` — and its HTTPS server (src/admission/server.ts) over real
// TLS on loopback: answers, limits, the deadline, metrics, certificate reload, a judge that throws. One file: one
// load of the engine.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CHECKS } from '../../src/checks/index.js';
import { NEEDS_OTHER_OBJECTS } from '../../src/engine/admission-checks.js';
import { applyPatch } from '../../src/fix/apply-patch.js';
import { parseConfig } from '../../src/policy/config.js';
import { scan } from '../../src/engine/scan.js';
import { RequestError } from '../../src/engine/errors.js';
import { request, type RequestOptions } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { connect, type PeerCertificate } from 'node:tls';
import { selfSignedCertificate, type CertificatePair } from '../../src/admission/certificate.js';
import { startAdmissionServer, type AdmissionServer } from '../../src/admission/server.js';
import { createAdmissionReviewer, type AdmissionReviewer, type AdmissionVerdict } from '../../src/engine/admission-review.js';

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

interface Answer { status: number; json: Record<string, unknown>; text: string }

const reviewText = (uid: string, securityContext: Record<string, unknown> = { privileged: true }) => JSON.stringify({
  apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
  request: { uid, operation: 'CREATE', namespace: 'prod', userInfo: { username: 'alice' }, object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'prod' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', securityContext }] } } },
});

describe('admission server over HTTPS', () => {
  let dir = '';
  let first: CertificatePair;
  let server: AdmissionServer;
  const audit: string[] = [];
  const logs: string[] = [];
  let ca = '';
  const call = (method: string, path: string, body?: string | Buffer, extra: RequestOptions = {}): Promise<Answer> => new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, ca, agent: false, headers: { 'content-type': 'application/json' }, ...extra }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => {
        let json = {};
        try { json = JSON.parse(text); } catch { /* metrics are text */ }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });

  const reviewer = createAdmissionReviewer();
  let boom = false;
  const judge: AdmissionReviewer = { ...reviewer, review: (b, w, n) => (boom ? (() => { throw new Error('bug in a check'); })() : reviewer.review(b, w, n)) };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kw-adm-srv-'));
    first = await selfSignedCertificate({ ips: ['127.0.0.1'] });
    writeFileSync(join(dir, 'tls.crt'), first.cert);
    writeFileSync(join(dir, 'tls.key'), first.key);
    ca = first.cert;
    server = await startAdmissionServer({
      host: '127.0.0.1', port: 0, certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key'), reviewer: judge, deadlineMs: 400, certPollMs: 60_000,
      onAudit: (l) => audit.push(l), log: (m) => logs.push(m),
    });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a review with the verdict and records it in the audit log', async () => {
    const r = await call('POST', '/validate', reviewText('u-1'));
    assert.equal(r.status, 200);
    const resp = r.json.response as { uid: string; allowed: boolean; status: { message: string } };
    assert.deepEqual([resp.uid, resp.allowed], ['u-1', false]);
    assert.match(resp.status.message, /\[privileged-container\]/);
    assert.equal(JSON.parse(audit.at(-1)!).uid, 'u-1');
  });

  it('refuses what is not a review: 400 with the reason, 404, 405; never a crash', async () => {
    const bad = await call('POST', '/validate', '{"apiVersion": "admission.k8s.io/v1", ');
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /^kubeward: the body is not JSON/);
    const old = await call('POST', '/validate', JSON.stringify({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: { uid: 'x' } }));
    assert.equal(old.status, 400);
    assert.match(String(old.json.error), /admission\.k8s\.io\/v1 only/);
    assert.equal((await call('POST', '/nope', '{}')).status, 404);
    assert.equal((await call('GET', '/validate')).status, 405);
    assert.equal((await call('GET', '/healthz')).status, 200);
    assert.equal((await call('GET', '/readyz')).status, 200);
  });

  it('answers 413 to a body over 3 MiB, declared or streamed', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 1, 0x20);
    const declared = await call('POST', '/validate', big);
    assert.equal(declared.status, 413);
    assert.match(String(declared.json.error), /over 3145728 bytes refused/);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/validate`, { method: 'POST', ca, agent: false, headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    assert.equal(streamed, 413);
  });

  it('answers a request whose body does not come by the deadline (408), saying so', async () => {
    const r = await new Promise<Answer>((resolve, reject) => {
      const req = request(`${server.url}/validate`, { method: 'POST', ca, agent: false, headers: { 'content-length': '1000' } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text), text }));
      });
      req.on('error', reject);
      req.write('{"apiVersion":');
    });
    assert.equal(r.status, 408);
    assert.match(String(r.json.error), /within the 400 ms deadline; nothing was judged/);
  });

  it('denies with the reason when judging throws, and keeps serving', async () => {
    boom = true;
    const r = await call('POST', '/validate', reviewText('u-boom'));
    boom = false;
    const resp = r.json.response as { uid: string; allowed: boolean; status: { message: string } };
    assert.deepEqual([r.status, resp.uid, resp.allowed], [200, 'u-boom', false]);
    assert.match(resp.status.message, /could not judge this object \(bug in a check\); denied because the webhook fails closed/);
    assert.equal((await call('POST', '/validate', reviewText('u-2', { privileged: false }))).status, 200);
  });

  it('exposes Prometheus metrics: requests, verdicts, findings by mode, latency', async () => {
    const m = (await call('GET', '/metrics')).text;
    assert.match(m, /^kubeward_admission_requests_total\{path="\/validate",code="413"\} 2$/m);
    assert.match(m, /^kubeward_admission_verdicts_total\{webhook="validate",result="denied"\} [1-9]/m);
    assert.match(m, /^kubeward_admission_findings_total\{mode="enforce"\} [1-9]/m);
    assert.match(m, /^kubeward_admission_deadline_exceeded_total 1$/m);
    assert.match(m, /^# TYPE kubeward_admission_review_duration_seconds histogram$/m);
    assert.match(m, /^kubeward_admission_review_duration_seconds_bucket\{webhook="validate",le="\+Inf"\} \d+$/m);
  });

  it('reloads the certificate when the files change; keeps the old one when the new pair is unusable', async () => {
    const fingerprint = () => new Promise<string>((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false }, () => {
        const c: PeerCertificate = s.getPeerCertificate();
        s.end();
        resolve(c.fingerprint256);
      });
      s.on('error', reject);
    });
    const before = await fingerprint();
    const next = await selfSignedCertificate({ ips: ['127.0.0.1'] });
    writeFileSync(join(dir, 'tls.crt'), next.cert);
    assert.equal(server.reloadCertificates(), false, 'a certificate without its key is not taken');
    assert.equal(await fingerprint(), before);
    writeFileSync(join(dir, 'tls.key'), next.key);
    assert.equal(server.reloadCertificates(), true);
    assert.notEqual(await fingerprint(), before);
    ca = next.cert;
    assert.equal((await call('GET', '/healthz')).status, 200);
    assert.match((await call('GET', '/metrics')).text, /kubeward_admission_certificate_reloads_total\{result="ok"\} 1/);
    assert.ok(logs.some((l) => /not reloaded \(the old one is kept\)/.test(l)));
  });
});
