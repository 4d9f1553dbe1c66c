// Audit threat detection on a real API server's own events: kube-apiserver runs with `kubeward audit policy`, the
// log backend and the webhook backend pointed at `kubeward audit serve` (a subprocess). Test users perform the
// attacks through the API; `audit scan` of the log file and the sink's alerts must agree. Then the sink is killed
// after storing a batch and before acknowledging it, restarted, and no event of the log is missing from its store.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { apiServerSkip, sparePort, startApiServer, type ApiServer } from '../helpers/apiserver.js';
import { runCli, startCliProcess, type CliProcess } from '../helpers/cli.js';

interface Alert { rule: string; severity: string; auditID: string; user: string; verb: string; message: string; objectRef: { name?: string } | null }
interface Event { auditID: string; verb?: string; stage?: string; objectRef?: { resource?: string; name?: string; namespace?: string } }

/** A CA, the sink's serving certificate for 127.0.0.1, and the API server's client certificate, all by that CA. */
function certificates(dir: string): void {
  const ssl = (args: string[]) => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=audit-sink-ca', '-days', '2', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  for (const [name, ext] of [['sink', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n'], ['client', 'extendedKeyUsage=clientAuth\n']] as const) {
    ssl(['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name === 'sink' ? '127.0.0.1' : 'kube-apiserver'}`]);
    writeFileSync(join(dir, `${name}.ext`), ext);
    ssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`]);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A deadline for a race that must not keep the process alive once the race is won. */
const deadline = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
async function until<T>(what: string, fn: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

const jsonLines = <T>(text: string): T[] => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);

describe('audit rules on a real API server: log backend and webhook sink', { skip: apiServerSkip }, () => {
  let api: ApiServer;
  let dir = '';
  let store = '';
  let port = 0;
  let sink: CliProcess | undefined;
  const startSink = async (env: Record<string, string> = {}) => {
    const p = startCliProcess(['audit', 'serve', '--listen', `127.0.0.1:${port}`, '--tls-cert', join(dir, 'sink.crt'), '--tls-key', join(dir, 'sink.key'),
      '--client-ca', join(dir, 'ca.crt'), '--store', store, '--rotate-size', '16k'], { env });
    await p.waitForStderr(/audit sink listening on https:\/\/127\.0\.0\.1:\d+/);
    return p;
  };
  const storedEvents = () => readdirSync(store).filter((f) => /^events-\d+\.jsonl$/.test(f)).sort().flatMap((f) => jsonLines<Event>(readFileSync(join(store, f), 'utf8')));
  const sinkAlerts = () => jsonLines<Alert>(readFileSync(join(store, 'alerts.jsonl'), 'utf8'));
  const logEvents = () => jsonLines<Event>(readFileSync(api.auditLog, 'utf8'));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kw-audit-sink-'));
    store = join(dir, 'store');
    certificates(dir);
    port = await sparePort();
    sink = await startSink();
    const policy = await runCli(['audit', 'policy']);
    assert.equal(policy.code, 0);
    // The policy `kubeward audit policy` prints is the one the API server runs with: it must accept it.
    api = await startApiServer({
      auditPolicy: policy.stdout,
      auditWebhook: { url: `https://127.0.0.1:${port}/audit`, caFile: join(dir, 'ca.crt'), clientCertFile: join(dir, 'client.crt'), clientKeyFile: join(dir, 'client.key'), batchMaxWait: '1s', initialBackoff: '3s' },
    });
  });
  after(async () => {
    await api?.stop();
    await sink?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the attacks of test users raise the same alerts from the log file and from the webhook sink', async () => {
    const ok = async (p: Promise<{ status: number; text: string }>, want = [200, 201]) => {
      const r = await p;
      assert.ok(want.includes(r.status), `HTTP ${r.status}: ${r.text.slice(0, 300)}`);
    };
    const rbac = '/apis/rbac.authorization.k8s.io/v1';
    const crb = (name: string, role: string, subject: object) => ({ metadata: { name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects: [subject] });
    // The admin sets the stage: a namespace with secrets and a service account, and the grants the attackers abuse.
    await ok(api.request('POST', '/api/v1/namespaces', { metadata: { name: 'shop' } }));
    for (const n of ['db', 'stripe']) await ok(api.request('POST', '/api/v1/namespaces/shop/secrets', { metadata: { name: n }, stringData: { password: `pw-${n}` } }));
    // No controller manager here: the service accounts are created by hand (the pod needs "default").
    for (const n of ['default', 'deployer']) await ok(api.request('POST', '/api/v1/namespaces/shop/serviceaccounts', { metadata: { name: n } }));
    await ok(api.request('POST', `${rbac}/clusterroles`, { metadata: { name: 'secret-harvester' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }] }));
    await ok(api.request('POST', `${rbac}/clusterrolebindings`, crb('bob-harvests', 'secret-harvester', { kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' })));
    await ok(api.request('POST', `${rbac}/namespaces/shop/roles`, { metadata: { name: 'pod-maker' }, rules: [{ apiGroups: [''], resources: ['pods', 'serviceaccounts/token'], verbs: ['create', 'get'] }] }));
    await ok(api.request('POST', `${rbac}/namespaces/shop/rolebindings`, { metadata: { name: 'alice-makes-pods' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-maker' }, subjects: [{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }] }));
    await ok(api.request('POST', `${rbac}/clusterroles`, { metadata: { name: 'impersonator' }, rules: [{ apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['bob'] }] }));
    await ok(api.request('POST', `${rbac}/clusterrolebindings`, crb('dave-impersonates', 'impersonator', { kind: 'User', name: 'dave', apiGroup: 'rbac.authorization.k8s.io' })));
    await ok(api.request('POST', `${rbac}/clusterroles`, { metadata: { name: 'admin-binder' }, rules: [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings'], verbs: ['create'] }, { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'], resourceNames: ['cluster-admin'] }] }));
    await ok(api.request('POST', `${rbac}/clusterrolebindings`, crb('carol-binds', 'admin-binder', { kind: 'User', name: 'carol', apiGroup: 'rbac.authorization.k8s.io' })));

    // The attacks.
    await ok(api.request('POST', '/api/v1/namespaces/shop/pods', { metadata: { name: 'debug' }, spec: { hostPID: true, containers: [{ name: 'sh', image: 'busybox:1.36', securityContext: { privileged: true } }] } }, { user: 'alice' }));
    await ok(api.request('POST', '/api/v1/namespaces/shop/serviceaccounts/deployer/token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} }, { user: 'alice' }));
    await ok(api.request('GET', '/api/v1/secrets', undefined, { user: 'bob' }));
    await ok(api.request('POST', `${rbac}/clusterrolebindings`, crb('backdoor', 'cluster-admin', { kind: 'User', name: 'mallory', apiGroup: 'rbac.authorization.k8s.io' }), { user: 'carol' }));
    await ok(api.request('GET', '/api/v1/namespaces/shop/secrets', undefined, { user: 'dave', headers: { 'Impersonate-User': 'bob' } }));
    for (let i = 0; i < 12; i++) await ok(api.request('GET', '/api/v1/namespaces/shop/secrets', undefined, { token: `guessed-${i}` }), [401]);

    const scan = await runCli(['audit', 'scan', api.auditLog, '-o', 'json']);
    assert.equal(scan.code, 0, scan.stderr);
    const fromLog = (JSON.parse(scan.stdout) as { alerts: Alert[] }).alerts;
    const has = (rule: string, pred: (a: Alert) => boolean) => assert.ok(fromLog.some((a) => a.rule === rule && pred(a)), `${rule}: ${JSON.stringify(fromLog.filter((a) => a.rule === rule))}`);
    has('privileged-pod-created', (a) => a.user === 'alice' && a.severity === 'critical' && a.objectRef?.name === 'debug' && /privileged/.test(a.message) && /hostPID|host's PID|PID/i.test(a.message));
    has('service-account-token-for-other', (a) => a.user === 'alice' && a.objectRef?.name === 'deployer');
    has('secret-bulk-read', (a) => a.user === 'bob' && a.severity === 'critical');
    has('secret-read-unusual-subject', (a) => a.user === 'bob');
    has('cluster-admin-binding', (a) => a.user === 'carol' && a.objectRef?.name === 'backdoor' && /mallory/.test(a.message));
    has('rbac-escalation-verbs', (a) => a.user === 'admin' && a.objectRef?.name === 'impersonator');
    has('rbac-escalation-verbs', (a) => a.user === 'admin' && a.objectRef?.name === 'admin-binder');
    has('impersonation', (a) => a.user === 'dave' && /acted as bob/.test(a.message));
    has('secret-bulk-read', (a) => a.user === 'dave');
    has('auth-failure-burst', (a) => a.severity === 'high' && /10 failed authentications \(HTTP 401\) from 127\.0\.0\.1/.test(a.message));
    // The control plane's own bootstrap (the cluster-admin binding of system:masters, the default roles) raises nothing.
    assert.deepEqual(fromLog.filter((a) => a.user.startsWith('system:')), []);
    assert.ok(!scan.stdout.includes('pw-db'), 'no secret value in the alerts');

    // The sink judged the same events: the same alerts (stateless rules: the same events; stateful ones, which
    // depend on arrival order across batches: the same number).
    const stateful = new Set(['auth-failure-burst', 'secret-read-unusual-subject', 'secret-bulk-read']);
    const key = (a: Alert) => (stateful.has(a.rule) ? `${a.rule} (${a.user})` : `${a.rule} ${a.auditID}`);
    const want = fromLog.map(key).sort();
    const got = await until('the sink to raise every alert of the log', () => {
      const k = sinkAlerts().map(key).sort();
      return k.length >= want.length ? k : undefined;
    });
    assert.deepEqual(got, want);
  });

  it('the sink refuses what it must: no credential 401, a batch over 12 MiB 413, a malformed body 400; /healthz', async () => {
    const post = (body: string | Buffer, withCert: boolean) => new Promise<number>((resolve, reject) => {
      const req = httpsRequest(`https://127.0.0.1:${port}/audit`, {
        method: 'POST', ca: readFileSync(join(dir, 'ca.crt')),
        ...(withCert ? { cert: readFileSync(join(dir, 'client.crt')), key: readFileSync(join(dir, 'client.key')) } : {}),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.on('error', reject);
      req.end(body);
    });
    const list = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [] });
    assert.equal(await post(list, false), 401);
    assert.equal(await post(list, true), 200);
    assert.equal(await post(Buffer.alloc(12 * 1024 * 1024 + 1, 32), true), 413);
    assert.equal(await post('{"kind": "EventList", "items": [', true), 400);
    assert.equal(await post('{"kind": "Event"}', true), 400);
    const health = await new Promise<number>((resolve, reject) => httpsRequest(`https://127.0.0.1:${port}/healthz`, { ca: readFileSync(join(dir, 'ca.crt')) }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject).end());
    assert.equal(health, 200);
  });

  it('killed after storing a batch and before acknowledging it, then restarted: no event of the log is missing from the store', async () => {
    await sink!.stop();
    // This sink exits right after fsyncing its first batch, resetting the connection instead of answering 200.
    const crashing = await startSink({ KUBEWARD_AUDIT_SINK_CRASH_AFTER_BATCHES: '1' });
    sink = crashing;
    const cm = (name: string) => api.request('POST', '/api/v1/namespaces/shop/configmaps', { metadata: { name }, data: { k: 'v' } });
    assert.equal((await cm('marker-0')).status, 201);
    assert.equal(await Promise.race([crashing.exited, deadline(60_000).then(() => 'still running')]), 75, crashing.stderr());
    assert.match(crashing.stderr(), /test hook: exiting after storing batch 1/);
    sink = await startSink();
    for (let i = 1; i <= 3; i++) assert.equal((await cm(`marker-${i}`)).status, 201);

    const markers = (events: Event[]) => events.filter((e) => e.objectRef?.resource === 'configmaps' && e.verb === 'create' && e.objectRef.name?.startsWith('marker-'));
    const inLog = markers(logEvents()).map((e) => e.auditID);
    assert.equal(inLog.length, 4);
    const stored = await until('every marker event in the store', () => {
      const ids = new Set(markers(storedEvents()).map((e) => e.auditID));
      return inLog.every((id) => ids.has(id)) ? ids : undefined;
    });
    assert.equal(stored.size, 4);
    // Every line of the store is a whole event (the crash tore nothing), and rotation by size kept several files.
    const files = readdirSync(store).filter((f) => f.startsWith('events-'));
    assert.ok(files.length >= 2, `rotated store: ${files.join(', ')}`);
    for (const f of files) for (const line of readFileSync(join(store, f), 'utf8').split('\n').filter(Boolean)) JSON.parse(line);
    // And the store scans like a log.
    const again = await runCli(['audit', 'scan', store, '-o', 'json']);
    assert.equal(again.code, 0, again.stderr);
    assert.ok((JSON.parse(again.stdout) as { alerts: Alert[] }).alerts.some((a) => a.rule === 'cluster-admin-binding'));
  });
});
