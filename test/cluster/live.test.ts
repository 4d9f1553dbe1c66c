// A live scan of a real kube-apiserver (test/helpers/apiserver.ts): the objects of examples/ and the RBAC fixture
// are created through the API, then `scan --cluster` must find what the file scan finds on them, a limited
// service account must get "not collected" warnings (never a silent pass), a snapshot must scan back to the
// same findings, and `rbac can --cluster` must answer as the files do. Control-plane checks read the static pods the
// cluster lists and, with `kubeward node --root /`, the test server's own processes.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv2020 from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import addFormats from 'ajv-formats';
import { collectCluster, resolveConnection } from '../../src/sources/cluster/index.js';
import { apiServerSkip, startApiServer, type ApiServer } from '../helpers/apiserver.js';
import { runCli } from '../helpers/cli.js';
import { applyObjects, ensureNamespace, objectsOf } from '../helpers/kube-apply.js';

const FILES = ['examples/insecure-app.yaml', 'examples/hardened-app.yaml', 'examples/broken.yaml', 'test/fixtures/rbac/cluster.yaml'];
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Namespace', 'Node', 'PersistentVolume', 'StorageClass']);

interface JsonFinding { checkId: string; object?: { kind: string; namespace?: string; name: string }; path: string; location: { file: string; line: number } }
interface JsonReport { findings: JsonFinding[]; warnings: string[] }

const objKey = (kind: string, ns: string | undefined, name: string) => `${kind} ${CLUSTER_SCOPED.has(kind) ? '' : ns ?? 'default'}/${name}`;
const findingKey = (f: JsonFinding) => `${f.checkId} ${objKey(f.object!.kind, f.object!.namespace, f.object!.name)}`;

describe('scan --cluster against a real API server', { skip: apiServerSkip }, () => {
  let api: ApiServer;
  let tmp: string;
  let applied: Set<string>;
  let created: Awaited<ReturnType<typeof applyObjects>>;
  let limitedKubeconfig: string;

  before(async () => {
    api = await startApiServer();
    tmp = mkdtempSync(join(tmpdir(), 'kubeward-cluster-'));
    created = await applyObjects(api, objectsOf(FILES));
    applied = new Set(created.map((o) => objKey(o.kind, o.metadata.namespace, o.metadata.name)));
    // A service account that may list pods and nothing else.
    await ensureNamespace(api, 'kubeward');
    const must = async (p: Promise<{ status: number; text: string }>) => {
      const r = await p;
      assert.ok(r.status === 201 || r.status === 200, r.text);
    };
    await must(api.request('POST', '/api/v1/namespaces/kubeward/serviceaccounts', { metadata: { name: 'scanner' } }));
    await must(api.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', { metadata: { name: 'pods-lister' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] }));
    await must(api.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name: 'scanner-pods' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'pods-lister' },
      subjects: [{ kind: 'ServiceAccount', name: 'scanner', namespace: 'kubeward' }],
    }));
    const tr = await api.request<{ status: { token: string } }>('POST', '/api/v1/namespaces/kubeward/serviceaccounts/scanner/token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } });
    assert.equal(tr.status, 201, tr.text);
    limitedKubeconfig = join(tmp, 'scanner.kubeconfig');
    writeFileSync(limitedKubeconfig, [
      'apiVersion: v1', 'kind: Config',
      'clusters: [{name: test, cluster: {server: "' + api.url + '", certificate-authority-data: "' + Buffer.from(api.ca).toString('base64') + '"}}]',
      'users: [{name: scanner, user: {token: "' + tr.body.status.token + '"}}]',
      'contexts: [{name: scanner, context: {cluster: test, user: scanner, namespace: kubeward}}]',
      'current-context: scanner', '',
    ].join('\n'));
  });
  after(async () => {
    await api?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('the live scan finds the same check ids on the same objects as the file scan', async () => {
    // The file side: the objects exactly as created (namespace made explicit, as the server stores it) and the
    // Namespace objects the cluster has, so both inventories hold the same objects.
    const asFiles = join(tmp, 'applied.json');
    const namespaces = [...new Set(created.filter((o) => o.metadata.namespace).map((o) => o.metadata.namespace!))];
    writeFileSync(asFiles, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), ...created] }));
    const files = await runCli(['scan', asFiles, '-o', 'json']);
    const live = await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '-o', 'json']);
    assert.equal(live.code, 0, live.stderr);
    const liveReport = JSON.parse(live.stdout) as JsonReport;
    assert.deepEqual(liveReport.warnings, [], 'the admin lists everything');
    const mine = new Set([...applied, ...namespaces.map((n) => objKey('Namespace', undefined, n))]);
    const fileSet = new Set((JSON.parse(files.stdout) as JsonReport).findings.map(findingKey));
    const liveSet = new Set(liveReport.findings.filter((f) => f.object && mine.has(objKey(f.object.kind, f.object.namespace, f.object.name))).map(findingKey));
    assert.ok(fileSet.size > 40, `the fixtures have findings (${fileSet.size})`);
    assert.deepEqual({ onlyLive: [...liveSet].filter((k) => !fileSet.has(k)), onlyFiles: [...fileSet].filter((k) => !liveSet.has(k)) }, { onlyLive: [], onlyFiles: [] });
    // Findings name the live object, not a file.
    const f = liveReport.findings.find((x) => x.checkId === 'privileged-container' || x.object?.name === 'legacy-web')!;
    assert.match(f.location.file, /^cluster:\/\/admin\/shop\/Deployment\/legacy-web$/);
  });

  test('every report format is valid for live objects; SARIF uses a logical location', async () => {
    const sarif = await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '-n', 'shop', '-o', 'sarif']);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { locations: { physicalLocation?: unknown; logicalLocations?: { fullyQualifiedName: string }[] }[] }[] }[] };
    const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-2.1.0.json', import.meta.url), 'utf8')) as object;
    const ajv = new Ajv2020.default({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 3)));
    const results = log.runs[0]!.results;
    assert.ok(results.length > 0);
    for (const r of results) {
      assert.equal(r.locations[0]!.physicalLocation, undefined);
      assert.match(r.locations[0]!.logicalLocations![0]!.fullyQualifiedName, /^cluster:\/\/admin\//);
    }
    for (const format of ['table', 'junit', 'markdown', 'html', 'policyreport']) {
      const r = await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '-n', 'shop', '-o', format]);
      assert.equal(r.code, 0, `${format}: ${r.stderr}`);
      assert.match(r.stdout, /legacy-web/, format);
      if (format !== 'junit') assert.doesNotMatch(r.stdout, /\b0:0\b|legacy-web:0\b/, `${format}: no line 0 shown for a live object`);
    }
  });

  test('-n and --exclude-namespaces choose the namespaces read', async () => {
    const only = JSON.parse((await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '-n', 'prod', '-o', 'json'])).stdout) as JsonReport;
    const nss = new Set(only.findings.filter((f) => f.object?.namespace).map((f) => f.object!.namespace));
    assert.deepEqual([...nss], ['prod']);
    const ex = JSON.parse((await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '--exclude-namespaces', 'prod,shop', '-o', 'json'])).stdout) as JsonReport;
    assert.ok(!ex.findings.some((f) => f.object?.namespace === 'prod' || f.object?.namespace === 'shop'));
    assert.ok(ex.findings.some((f) => f.object?.namespace === 'default'));
    // The same settings from .kubeward.yaml (kubeconfig relative to the file).
    const cfgDir = join(tmp, 'cfg');
    (await import('node:fs')).mkdirSync(cfgDir);
    writeFileSync(join(cfgDir, 'kc.yaml'), readFileSync(api.kubeconfig, 'utf8'));
    writeFileSync(join(cfgDir, '.kubeward.yaml'), 'cluster:\n  kubeconfig: kc.yaml\n  excludeNamespaces: [prod, shop]\n');
    const viaConfig = await runCli(['scan', '--cluster', '--config', join(cfgDir, '.kubeward.yaml'), '-o', 'json']);
    assert.equal(viaConfig.code, 0, viaConfig.stderr);
    const cfgReport = JSON.parse(viaConfig.stdout) as JsonReport;
    assert.ok(!cfgReport.findings.some((f) => f.object?.namespace === 'prod') && cfgReport.findings.some((f) => f.object?.namespace === 'default'));
    // Wrong credentials: an error, not a scan of nothing.
    const wrong = join(tmp, 'wrong.kubeconfig');
    writeFileSync(wrong, readFileSync(api.kubeconfig, 'utf8').replace(/token: "[0-9a-f]+"/g, 'token: "not-a-token"'));
    const refused = await runCli(['scan', '--cluster', '--kubeconfig', wrong]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refused the credentials \(401 Unauthorized\)/);
    const bad = await runCli(['scan', '--kubeconfig', api.kubeconfig, 'examples/insecure-app.yaml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--kubeconfig needs --cluster/);
  });

  test('a service account that may list only pods: "not collected" warnings naming each resource, exit code unaffected', async () => {
    const r = await runCli(['scan', '--cluster', '--kubeconfig', limitedKubeconfig, '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    for (const resource of ['configmaps', 'secrets', 'namespaces', 'deployments.apps', 'clusterroles.rbac.authorization.k8s.io']) {
      assert.ok(report.warnings.some((w) => w.startsWith(`not collected: ${resource} (`) && w.includes('forbidden')), `warning for ${resource}: ${report.warnings.slice(0, 3).join('\n')}`);
    }
    assert.ok(!report.warnings.some((w) => w.startsWith('not collected: pods (')), 'pods were collected');
    assert.ok(report.findings.some((f) => f.object?.kind === 'Pod' && f.object.name === 'still-scanned'), 'pod findings are reported');
    assert.ok(!report.findings.some((f) => f.object && f.object.kind !== 'Pod'), 'nothing else was read');
    assert.match(r.stderr, /warning: not collected: configmaps/);
    // The gate judges the findings only: the same objects read from a snapshot (no warnings) give the same exit code.
    const gated = await runCli(['scan', '--cluster', '--kubeconfig', limitedKubeconfig, '-o', 'json', '--fail-on', 'medium']);
    assert.equal(gated.code, 1, 'the pods have medium findings');
    const snap = join(tmp, 'limited.json');
    assert.equal((await runCli(['snapshot', '--cluster', '--kubeconfig', limitedKubeconfig, '-o', snap])).code, 0);
    assert.equal((await runCli(['scan', snap, '-o', 'json', '--fail-on', 'medium'])).code, gated.code);
    assert.equal((await runCli(['scan', snap, '-o', 'json', '--fail-on', 'critical'])).code, (await runCli(['scan', '--cluster', '--kubeconfig', limitedKubeconfig, '-o', 'json', '--fail-on', 'critical'])).code);
  });

  test('compliance with limited credentials: controls over what was not collected are "not evaluated", never "passed"', async () => {
    interface Control { id: string; status: string; reason?: string; checks: string[] }
    const controls = async (kubeconfig: string) => {
      const r = await runCli(['scan', '--cluster', '--kubeconfig', kubeconfig, '-o', 'json', '--framework', 'cis', '--framework', 'nsa']);
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as { compliance: { framework: string; controls: Control[] }[] }).compliance;
    };
    const [adminCis] = await controls(api.kubeconfig);
    const [limitedCis, limitedNsa] = await controls(limitedKubeconfig);
    const byId = (list: Control[], id: string) => list.find((c) => c.id === id)!;
    // The admin reads the RBAC objects: 5.1.3 (wildcards in roles) is judged. The pods-only account cannot list them.
    assert.notEqual(byId(adminCis!.controls, '5.1.3').status, 'not-evaluated');
    const wildcard = byId(limitedCis!.controls, '5.1.3');
    assert.equal(wildcard.status, 'not-evaluated');
    assert.match(wildcard.reason!, /^what its checks read was not collected: .*not collected \(forbidden\)/);
    assert.doesNotMatch(wildcard.reason!, /configmaps|componentstatuses/, 'only what the RBAC checks read is named');
    // Nothing the account could not read is reported as passed: a passed control's checks read pods only
    // (and then only when every pod-bearing kind was read, which the account cannot do: so none passes).
    for (const fw of [limitedCis!, limitedNsa!]) {
      const passed = fw.controls.filter((c) => c.status === 'passed');
      assert.deepEqual(passed.map((c) => c.id), [], `${fw.framework}: passed without the input`);
    }
    // A finding still fails its control: the pod findings are real.
    assert.ok(limitedCis!.controls.some((c) => c.status === 'failed'));
    // No control-plane component in this cluster's pods (its API server runs as a process): not evaluated.
    assert.match(byId(adminCis!.controls, '1.2.1').reason!, /no kube-apiserver in the input/);
  });

  test('kubeward node on this machine judges the running kube-apiserver and etcd by their real command lines', async () => {
    const checks = 'apiserver-anonymous-auth,apiserver-authorization-mode,apiserver-token-auth-file,apiserver-etcd-tls,etcd-client-tls';
    const r = await runCli(['node', '--root', '/', '-o', 'json', '--checks', checks]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { checkId: string; path: string; location: { file: string } }[] };
    // Other sessions may run API servers on this machine too: keep the findings on this server's processes.
    const ours = report.findings.filter((f) => {
      if (!/^\/proc\/\d+\/cmdline$/.test(f.location.file)) return false;
      try {
        return readFileSync(f.location.file, 'utf8').includes(api.dir);
      } catch {
        return false;
      }
    });
    // The test server authenticates with a token file and talks to etcd over plain http (see test/helpers/apiserver.ts);
    // anonymous auth is off and the authorizers are Node and RBAC, so those checks pass.
    assert.deepEqual([...new Set(ours.map((f) => f.checkId))].sort(), ['apiserver-etcd-tls', 'apiserver-token-auth-file', 'etcd-client-tls']);
    const token = ours.find((f) => f.checkId === 'apiserver-token-auth-file')!;
    assert.match(token.path, /^\/spec\/args\/\d+$/);
    assert.match(readFileSync(token.location.file, 'utf8').split('\0')[Number(token.path.split('/').pop())]!, /^--token-auth-file=/);
  });

  test('scan --cluster judges control-plane static pods as the cluster lists them (mirror pods in kube-system)', async () => {
    const [apiserverPod] = objectsOf(['test/fixtures/node/static-pods/kube-apiserver.yaml']);
    const c = await api.request('POST', '/api/v1/namespaces/kube-system/pods', apiserverPod);
    assert.equal(c.status, 201, c.text);
    const r = await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '-n', 'kube-system', '-o', 'json', '--framework', 'cis']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport & { compliance: { controls: { id: string; status: string }[] }[] };
    const authz = report.findings.find((f) => f.checkId === 'apiserver-authorization-mode')!;
    assert.ok(authz, 'the AlwaysAllow API server is found');
    assert.equal(authz.path, '/spec/containers/0/command/2');
    assert.match(authz.location.file, /^cluster:\/\/admin\/kube-system\/Pod\/kube-apiserver$/);
    const status = (id: string) => report.compliance[0]!.controls.find((x) => x.id === id)!.status;
    assert.deepEqual(['1.2.6', '1.2.4', '1.3.2', '1.1.1'].map(status), ['failed', 'passed', 'not-evaluated', 'not-evaluated']);
  });

  test('snapshot → scan of the snapshot file: the same findings, less locations', async () => {
    const out = join(tmp, 'cluster.json');
    const snap = await runCli(['snapshot', '--cluster', '--kubeconfig', api.kubeconfig, '-o', out]);
    assert.equal(snap.code, 0, snap.stderr);
    assert.match(snap.stderr, /\d+ objects written to/);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { kind: string; items: { kind: string; metadata: { managedFields?: unknown } }[] };
    assert.equal(doc.kind, 'List');
    assert.ok(doc.items.every((i) => i.metadata.managedFields === undefined));
    const live = JSON.parse((await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '-o', 'json'])).stdout) as JsonReport & { findings: { fingerprint: string }[] };
    const back = await runCli(['scan', out, '-o', 'json']);
    const offline = JSON.parse(back.stdout) as typeof live;
    const key = (f: JsonFinding & { fingerprint?: string }) => `${findingKey(f)} ${f.path} ${f.fingerprint}`;
    assert.deepEqual(offline.findings.map(key).sort(), live.findings.map(key).sort());
    assert.ok(offline.findings.every((f) => f.location.file.endsWith('cluster.json') && f.location.line > 0));
  });

  test('Secrets are read as metadata only unless --include-secret-values', async () => {
    const value = 'c3VwZXItc2VjcmV0LXZhbHVlLTQy';
    const c = await api.request('POST', '/api/v1/namespaces/kubeward/secrets', {
      metadata: { name: 'db', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${value}"}}` } }, data: { password: value },
    });
    assert.equal(c.status, 201, c.text);
    const meta = await runCli(['snapshot', '--cluster', '--kubeconfig', api.kubeconfig, '-n', 'kubeward']);
    assert.equal(meta.code, 0, meta.stderr);
    assert.ok(!meta.stdout.includes(value), 'no secret value in the snapshot');
    const secret = (JSON.parse(meta.stdout) as { items: { kind: string; metadata: { name: string }; data?: unknown }[] }).items.find((i) => i.kind === 'Secret' && i.metadata.name === 'db');
    assert.ok(secret && secret.data === undefined);
    const full = await runCli(['snapshot', '--cluster', '--kubeconfig', api.kubeconfig, '-n', 'kubeward', '--include-secret-values']);
    assert.ok(full.stdout.includes(value));
  });

  test('paths --cluster finds the attack paths the files give', async () => {
    const routes = (t: string) => (JSON.parse(t) as { paths: { hops: { from: string; to: string }[] }[] }).paths.map((p) => [p.hops[0]!.from, ...p.hops.map((h) => h.to)].join(' > '));
    const file = await runCli(['paths', ...FILES, '--limit', '0', '-o', 'json']);
    const live = await runCli(['paths', '--cluster', '--kubeconfig', api.kubeconfig, '--limit', '0', '-o', 'json']);
    assert.equal(live.code, 0, live.stderr);
    assert.deepEqual(routes(file.stdout), ['internet > workload:shop/legacy-web[Deployment] > node > secrets', 'any-pod > workload:shop/legacy-web[Deployment] > node > secrets']);
    for (const r of routes(file.stdout)) assert.ok(routes(live.stdout).includes(r), `live: ${r}`);
  });

  test('rbac can --cluster answers as the files do', async () => {
    const questions = [
      ['system:serviceaccount:ci:deployer', 'create', 'pods', '-n', 'prod'],
      ['system:serviceaccount:prod:ops-bot', 'get', 'secrets', '-n', 'prod'],
      ['system:serviceaccount:kube-system:admin-bot', 'delete', 'nodes'],
      ['system:serviceaccount:prod:web', 'create', 'pods/exec', '-n', 'prod'],
      ['system:serviceaccount:prod:legacy', 'list', 'secrets', '-n', 'default'],
    ];
    let yes = 0;
    for (const q of questions) {
      const file = await runCli(['rbac', 'can', ...q, 'test/fixtures/rbac/cluster.yaml']);
      const live = await runCli(['rbac', 'can', ...q, '--cluster', '--kubeconfig', api.kubeconfig]);
      assert.equal(live.code, file.code, `${q.join(' ')}: file ${file.stdout} live ${live.stdout} ${live.stderr}`);
      assert.equal(live.stdout.split('\n')[0], file.stdout.split('\n')[0], q.join(' '));
      if (file.code === 0) yes++;
    }
    assert.ok(yes > 0 && yes < questions.length, 'both answers occur');
    // who-can, permissions and paths read the cluster too.
    const whoFile = await runCli(['rbac', 'who-can', 'get', 'secrets', '-n', 'prod', '-o', 'json', 'test/fixtures/rbac/cluster.yaml']);
    const whoLive = await runCli(['rbac', 'who-can', 'get', 'secrets', '-n', 'prod', '-o', 'json', '--cluster', '--kubeconfig', api.kubeconfig]);
    assert.equal(whoLive.code, 0, whoLive.stderr);
    const names = (t: string) => new Set((JSON.parse(t) as { subjects: { kind: string; name: string }[] }).subjects.filter((x) => x.kind === 'ServiceAccount').map((x) => x.name));
    assert.ok(names(whoFile.stdout).size > 0, whoFile.stdout.slice(0, 300));
    for (const n of names(whoFile.stdout)) assert.ok(names(whoLive.stdout).has(n), `who-can --cluster names ${n}`);
    const perms = await runCli(['rbac', 'permissions', 'sa:ci/deployer', '--cluster', '--kubeconfig', api.kubeconfig]);
    assert.equal(perms.code, 0, perms.stderr);
    assert.match(perms.stdout, /pods/);
    const paths = await runCli(['rbac', 'paths', '--cluster', '--kubeconfig', api.kubeconfig, '--from', 'sa:kube-system/admin-bot']);
    assert.match(paths.stdout, /admin-bot/);
    // The real authorizer agrees too (SubjectAccessReview).
    const sar = await api.request<{ status: { allowed: boolean } }>('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      spec: { user: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'], resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'prod' } },
    });
    const live = await runCli(['rbac', 'can', 'system:serviceaccount:ci:deployer', 'create', 'pods', '-n', 'prod', '--cluster', '--kubeconfig', api.kubeconfig]);
    assert.equal(live.code === 0, sar.body.status.allowed);
  });

  test('a sample of the real-world corpus, created through the API, gives the same findings live as from files', async () => {
    // 112 files of seven public projects (test/fixtures/corpus-live/SOURCE.md); objects without a namespace go to
    // `corpus`. The server refuses what it does not serve (old API versions) or finds invalid: those are named.
    const root = 'test/fixtures/corpus-live';
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (/\.(ya?ml|json)$/.test(e.name)) files.push(join(d, e.name));
      }
    };
    walk(root);
    const objects = objectsOf(files.sort()).map((o) => (CLUSTER_SCOPED.has(o.kind) || o.metadata.namespace ? o : { ...o, metadata: { ...o.metadata, namespace: 'corpus' } }));
    const rejected: string[] = [];
    const made = await applyObjects(api, objects, rejected);
    assert.ok(made.length >= 150, `objects created: ${made.length} (refused: ${rejected.length}: ${rejected.slice(0, 3).join('; ')})`);
    assert.ok(rejected.length < made.length / 10, `most objects are accepted: ${rejected.join('\n')}`);
    const namespaces = [...new Set(made.filter((o) => o.metadata.namespace).map((o) => o.metadata.namespace!))];
    const asFiles = join(tmp, 'corpus.json');
    writeFileSync(asFiles, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...namespaces.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), ...made] }));
    const mine = new Set([...made.map((o) => objKey(o.kind, o.metadata.namespace, o.metadata.name)), ...namespaces.map((n) => objKey('Namespace', undefined, n))]);
    const files_ = await runCli(['scan', asFiles, '-o', 'json']);
    const mineOf = (stdout: string) => new Set((JSON.parse(stdout) as JsonReport).findings.filter((f) => f.object && mine.has(objKey(f.object.kind, f.object.namespace, f.object.name))).map(findingKey));
    const fileSet = mineOf(files_.stdout);
    assert.ok(fileSet.size > 500, `the sample has findings (${fileSet.size})`);
    // With the Secrets' values read, live and files agree exactly.
    const full = await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '--include-secret-values', '-o', 'json']);
    assert.equal(full.code, 0, full.stderr);
    const liveSet = mineOf(full.stdout);
    assert.deepEqual({ onlyLive: [...liveSet].filter((k) => !fileSet.has(k)).sort(), onlyFiles: [...fileSet].filter((k) => !liveSet.has(k)).sort() }, { onlyLive: [], onlyFiles: [] });
    // By default Secrets are read as metadata only: the one difference is the committed-secret findings on them.
    const metaOnly = mineOf((await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '-o', 'json'])).stdout);
    const missing = [...fileSet].filter((k) => !metaOnly.has(k));
    assert.ok(missing.length >= 5, `the sample commits secrets (${missing.length})`);
    assert.deepEqual(missing.filter((k) => !/^secret-in-committed-secret Secret /.test(k)), []);
    assert.deepEqual([...metaOnly].filter((k) => !fileSet.has(k)), []);
  });

  test('pagination (limit/continue) and in-cluster config read the same objects', async () => {
    const conn = resolveConnection({ kubeconfig: api.kubeconfig });
    const big = await collectCluster(conn);
    const paged = await collectCluster(conn, { pageSize: 2 });
    const ids = (c: typeof big) => c.objects.map((o) => `${o.kind} ${o.namespace ?? ''}/${o.name}`).sort();
    assert.deepEqual(ids(paged), ids(big));
    assert.ok(big.objects.length > 50);
    const audit = readFileSync(api.auditLog, 'utf8');
    assert.ok(/"requestURI":"\/apis\/rbac\.authorization\.k8s\.io\/v1\/clusterroles\?limit=2\\u0026continue=/.test(audit), 'a continued list in the audit log');
    // In a pod: the service account's token, CA and namespace files, KUBERNETES_SERVICE_HOST/PORT.
    const sa = join(tmp, 'serviceaccount');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sa);
    writeFileSync(join(sa, 'token'), api.tokens.admin!);
    writeFileSync(join(sa, 'ca.crt'), api.ca);
    writeFileSync(join(sa, 'namespace'), 'kubeward');
    const port = new URL(api.url).port;
    const inCluster = resolveConnection({ env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port }, home: join(tmp, 'no-home'), serviceAccountDir: sa });
    assert.equal(inCluster.context, 'in-cluster');
    assert.equal(inCluster.namespace, 'kubeward');
    const viaPod = await collectCluster(inCluster);
    assert.deepEqual(ids(viaPod), ids(big));
    assert.match(viaPod.objects[0]!.source.file, /^cluster:\/\/in-cluster\//);
  });

  test('kubeward agent --once with the least-privilege ClusterRole of deploy manifests: scans the cluster and uploads the report', async () => {
    // The agent's ServiceAccount, bound to the ClusterRole `kubeward deploy manifests` prints.
    const manifests = await runCli(['deploy', 'manifests', '--namespace', 'kubeward']);
    const docs = parseAllDocuments(manifests.stdout).map((d) => d.toJS() as { kind: string; rules?: unknown; roleRef?: unknown; subjects?: unknown });
    const role = docs.find((d) => d.kind === 'ClusterRole')!;
    const binding = docs.find((d) => d.kind === 'ClusterRoleBinding')!;
    const ok = async (p: Promise<{ status: number; text: string }>) => assert.ok([200, 201].includes((await p).status));
    await ok(api.request('POST', '/api/v1/namespaces/kubeward/serviceaccounts', { metadata: { name: 'kubeward-agent' } }));
    await ok(api.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', { metadata: { name: 'kubeward-agent' }, rules: role.rules }));
    await ok(api.request('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', { metadata: { name: 'kubeward-agent' }, roleRef: binding.roleRef, subjects: binding.subjects }));
    const tr = await api.request<{ status: { token: string } }>('POST', '/api/v1/namespaces/kubeward/serviceaccounts/kubeward-agent/token', { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } });
    assert.equal(tr.status, 201, tr.text);
    const kc = join(tmp, 'agent.kubeconfig');
    writeFileSync(kc, readFileSync(limitedKubeconfig, 'utf8').replace(/token: "[^"]+"/, `token: "${tr.body.status.token}"`));

    // A real HTTP server standing in for the kubeward server: records the upload.
    const uploads: { url: string; auth: string | undefined; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => {
        uploads.push({ url: req.url!, auth: req.headers.authorization, body });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'x', findings: 1 }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const r = await runCli(['agent', '--once', '--server', url, '--cluster-name', 'live', '--kubeconfig', kc], { env: { KUBEWARD_TOKEN: 'kw_agent-token' } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(uploads.length, 1);
      assert.match(uploads[0]!.url, /^\/api\/v1\/scans\?cluster=live&id=[0-9a-f-]{36}$/);
      assert.equal(uploads[0]!.auth, 'Bearer kw_agent-token');
      assert.match(r.stderr, /kubeward: scanned the cluster: \d+ objects, \d+ findings/);
      assert.match(r.stderr, /kubeward: uploaded scan [0-9a-f-]{36} for cluster live to http:\/\/127\.0\.0\.1:\d+, 1 findings/);
      // The body is NDJSON: the report without findings, then one finding per line.
      const [head, ...lines] = uploads[0]!.body.split('\n').filter((l) => l.trim());
      const { findingDefaults, ...rest } = JSON.parse(head!) as { findingDefaults: Record<string, object> };
      const findings = lines.map((l) => JSON.parse(l) as JsonFinding).map((f) => ({ ...findingDefaults[f.checkId], ...f }));
      const report = { ...rest, findings } as unknown as JsonReport & { compliance?: { framework: string }[] };
      assert.deepEqual(report.compliance?.map((c) => c.framework), ['cis', 'nsa', 'pss-baseline', 'pss-restricted', 'mitre', 'owasp']);
      // The role lists everything the checks read but Secrets (their values would come with them).
      const notCollected = report.warnings.filter((w) => w.startsWith('not collected: ')).map((w) => w.slice(15, w.indexOf(' (')));
      assert.ok(notCollected.includes('secrets'), notCollected.join());
      const granted = new Set((role.rules as { apiGroups: string[]; resources: string[] }[]).flatMap((x) => x.resources.map((res) => (x.apiGroups[0] ? `${res}.${x.apiGroups[0]}` : res))));
      assert.deepEqual(notCollected.filter((n) => granted.has(n)), [], 'what the role grants is collected');
      // The same findings on the fixtures' objects as the admin's scan, but those needing Secret objects.
      const admin = JSON.parse((await runCli(['scan', '--cluster', '--kubeconfig', api.kubeconfig, '--framework', 'cis', '-o', 'json'])).stdout) as JsonReport;
      const mine = (f: JsonFinding) => f.object && applied.has(objKey(f.object.kind, f.object.namespace, f.object.name));
      const adminSet = new Set(admin.findings.filter(mine).map(findingKey));
      const agentSet = new Set(report.findings.filter(mine).map(findingKey));
      assert.ok(agentSet.size > 40);
      assert.deepEqual([...agentSet].filter((k) => !adminSet.has(k)), []);
      assert.deepEqual([...adminSet].filter((k) => !agentSet.has(k) && !k.includes(' Secret ')), []);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
