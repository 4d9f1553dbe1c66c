// The admission webhook behind a real kube-apiserver: the webhook server runs in this process with a self-signed
// certificate, Validating- and MutatingWebhookConfigurations point the API server at it (clientConfig.url and
// caBundle, the rules, selectors and failurePolicy of `kubeward admission manifests`), and everything is done
// THROUGH THE API (kubectl for what a user sees): enforce denies, warn warns, mutate fixes, an exempt namespace is
// untouched, dry runs leave no audit record, and with the webhook gone creates fail closed while kube-system works.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { selfSignedCertificate } from '../../src/admission/certificate.js';
import { startAdmissionServer, type AdmissionServer } from '../../src/admission/server.js';
import { ADMISSION_RULES, CONTROL_PLANE_CONDITION, exemptNamespaceSelector, webhookEntry } from '../../src/engine/admission-manifests.js';
import { createAdmissionReviewer } from '../../src/engine/admission-review.js';
import { apiServerSkip, sparePort, startApiServer, type ApiServer } from '../helpers/apiserver.js';
import { REPO_ROOT } from '../helpers/cli.js';

const OWN = 'kubeward';
const KUBECTL = existsSync(join(REPO_ROOT, '.tools', 'bin', 'kubectl')) ? join(REPO_ROOT, '.tools', 'bin', 'kubectl') : 'kubectl';

function deployment(name: string, securityContext: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name }, ...extra },
    spec: {
      replicas: 1, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.4.2', securityContext }] } },
    },
  };
}
const privileged = (name: string, extra?: Record<string, unknown>) => deployment(name, { privileged: true }, extra);

/** kubectl, as a user runs it, asynchronously: the webhook answering it runs on this process's event loop. */
function kubectl(api: ApiServer, args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, ['--kubeconfig', api.kubeconfig, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('admission webhook on a real API server', { skip: apiServerSkip }, () => {
  let api: ApiServer;
  let server: AdmissionServer | undefined;
  let dir = '';
  const audit: string[] = [];
  const create = (ns: string, body: unknown, query?: Record<string, string>) => api.request<{ message?: string; metadata?: { name: string } }>('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, body, query ? { query } : {});

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kw-admission-'));
    const pair = await selfSignedCertificate({ ips: ['127.0.0.1'] });
    writeFileSync(join(dir, 'tls.crt'), pair.cert);
    writeFileSync(join(dir, 'tls.key'), pair.key);
    const reviewer = createAdmissionReviewer({
      admission: {
        rules: [{ namespaces: ['warned'], mode: 'warn' }],
        mutate: { checks: ['privileged-container', 'allow-privilege-escalation'], namespaces: ['mutated'] },
      },
    });
    server = await startAdmissionServer({
      host: '127.0.0.1', port: await sparePort(), certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key'), reviewer,
      certPollMs: 60_000, onAudit: (line) => audit.push(line),
    });
    api = await startApiServer();
    for (const ns of ['enforced', 'warned', 'mutated', OWN]) assert.equal((await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })).status, 201);
    const caBundle = Buffer.from(pair.cert).toString('base64');
    const entry = (name: string, path: string) => webhookEntry(name, { url: `${server!.url}${path}`, caBundle }, OWN, 5);
    const mutating = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'kubeward' }, webhooks: [{ ...entry('mutate.kubeward.io', '/mutate'), reinvocationPolicy: 'Never' }] };
    const validating = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'kubeward' }, webhooks: [entry('validate.kubeward.io', '/validate')] };
    assert.equal((await api.request('POST', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', mutating)).status, 201);
    const v = await api.request('POST', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', validating);
    assert.equal(v.status, 201, v.text);
    // The API server picks configurations up from its informer: wait until a dry run is judged.
    for (let i = 0; ; i++) {
      const r = await create('enforced', privileged('probe'), { dryRun: 'All' });
      if (r.status === 403) break;
      assert.ok(i < 120, `webhook never called: ${r.status} ${r.text}`);
      await sleep(250);
    }
  });
  after(async () => {
    await server?.close();
    await api?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('registers with the rules, selectors and fail-closed policy of the generated manifests', async () => {
    const got = await api.request<{ webhooks: { failurePolicy: string; sideEffects: string; timeoutSeconds: number; namespaceSelector: unknown; rules: unknown[]; matchConditions: unknown[] }[] }>('GET', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/kubeward');
    const w = got.body.webhooks[0]!;
    assert.deepEqual([w.failurePolicy, w.sideEffects, w.timeoutSeconds], ['Fail', 'None', 5]);
    assert.deepEqual(w.namespaceSelector, exemptNamespaceSelector(OWN));
    assert.equal(w.rules.length, ADMISSION_RULES.length);
    assert.deepEqual(w.matchConditions, [CONTROL_PLANE_CONDITION]);
  });

  it('denies a privileged Deployment; kubectl prints the check, the field and the fix', async () => {
    const yaml = JSON.stringify(privileged('root-shell'));
    const r = await kubectl(api, ['apply', '-n', 'enforced', '-f', '-'], yaml);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /admission webhook "validate\.kubeward\.io" denied the request: kubeward: Deployment enforced\/root-shell fails 1 enforced check/);
    assert.match(r.stderr, /\[privileged-container\] critical at spec\.template\.spec\.containers\[0\]\.securityContext\.privileged: container "app" runs privileged/);
    assert.match(r.stderr, /Fix: Remove `securityContext\.privileged: true`/);
    assert.equal((await api.request('GET', '/apis/apps/v1/namespaces/enforced/deployments/root-shell')).status, 404);
    const line = audit.map((l) => JSON.parse(l) as { object: { name: string }; result: string; enforce: { checkId: string }[] }).find((a) => a.object.name === 'root-shell');
    assert.equal(line?.result, 'denied');
    assert.deepEqual(line?.enforce.map((f) => f.checkId), ['privileged-container']);
  });

  it('denies a ClusterRoleBinding of cluster-admin to a user (cluster-scoped RBAC)', async () => {
    const crb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'mallory-admin' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory' }] };
    const r = await api.request<{ message: string }>('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', crb);
    assert.equal(r.status, 403);
    assert.match(r.body.message, /\[rbac-cluster-admin-binding\]/);
  });

  it('creates a warn-mode Deployment and the response carries the warnings kubectl prints', async () => {
    const r = await kubectl(api, ['apply', '-n', 'warned', '-f', '-'], JSON.stringify(privileged('warned-shell')));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deployment\.apps\/warned-shell created/);
    assert.match(r.stderr, /^Warning: kubeward \[privileged-container\] critical at spec\.template\.spec\.containers\[0\]\.securityContext\.privileged: /m);
    const direct = await create('warned', deployment('warned-plain', { allowPrivilegeEscalation: false }));
    assert.equal(direct.status, 201);
    assert.match(String(direct.headers.warning), /kubeward \[run-as-non-root\] medium/);
    assert.doesNotMatch(String(direct.headers.warning), /allow-privilege-escalation/);
  });

  it('stores a Deployment of a mutate-opted namespace with the fixes applied', async () => {
    const r = await create('mutated', privileged('fixed-shell'));
    assert.equal(r.status, 201, r.text);
    const got = await api.request<{ spec: { template: { spec: { containers: { securityContext: Record<string, unknown> }[] } } }; metadata: { annotations?: Record<string, string> } }>('GET', '/apis/apps/v1/namespaces/mutated/deployments/fixed-shell');
    assert.deepEqual(got.body.spec.template.spec.containers[0]!.securityContext, { privileged: false, allowPrivilegeEscalation: false });
  });

  it('leaves the exempt namespace untouched: not judged, not mutated', async () => {
    const r = await create(OWN, privileged('own-agent'));
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.warning, undefined);
    assert.equal(audit.some((l) => l.includes('"own-agent"')), false);
  });

  it('judges dry runs without an audit record', async () => {
    const before = audit.length;
    const r = await create('enforced', privileged('dry-shell'), { dryRun: 'All' });
    assert.equal(r.status, 403);
    assert.match(r.body.message ?? '', /privileged-container/);
    assert.equal(audit.length, before);
  });

  it('fails closed once the webhook is gone, while kube-system still works', async () => {
    await server!.close();
    server = undefined;
    const r = await create('enforced', deployment('after-stop', { allowPrivilegeEscalation: false }));
    assert.equal(r.status, 500, r.text);
    assert.match(r.body.message ?? '', /failed calling webhook "(mutate|validate)\.kubeward\.io"/);
    const sys = await create('kube-system', privileged('system-agent'));
    assert.equal(sys.status, 201, sys.text);
  });
});
