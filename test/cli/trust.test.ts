// Never a silent pass (issue 11): what cannot be read or rendered fails the command; non-Kubernetes files in a
// tree are skipped, not findings; typed lists are read; --severity filters; --pss restricted never lowers severity.
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { needTool } from '../sources/tools.js';

interface JsonReport {
  summary: { files: number; objects: number; findings: Record<string, number>; suppressed: number; skipped: number; hidden: number };
  findings: { checkId: string; severity: string; object?: { kind: string; name: string; namespace?: string }; location: { file: string; line: number }; path: string }[];
  warnings: string[];
}

const NO_TOOLS = { PATH: '', KUBEWARD_TOOLS_DIR: '' };

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kw-trust-'));
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: app
      image: nginx:1.25
`;

test('a path that does not exist: exit 2 with one line naming it, for scan, rbac, netpol and sbom alike', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'pod.yaml'), POD);
  for (const args of [
    ['scan', 'pod.yaml', 'nope.yaml'],
    ['scan', 'pod.yaml', 'nope.yaml', '--fail-on', 'low', '-o', 'json'],
    ['rbac', 'who-can', 'get', 'secrets', 'nope.yaml'],
    ['netpol', 'matrix', 'nope.yaml'],
    ['sbom', 'nope.yaml'],
  ]) {
    const r = await runCli(args, { cwd: dir });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^kubeward: nope\.yaml: no such file or directory: check the path/m, args.join(' '));
  }
});

test('a Helm chart whose dependencies are missing: exit 2 naming them, with the helm dependency build to run', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  // helm is found in the package's own .tools/bin with nothing on PATH.
  const r = await runCli(['scan', 'test/fixtures/sources/chart-broken', '--fail-on', 'low'], { env: { PATH: '' } });
  assert.equal(r.code, 2, r.stdout);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'kubeward: test/fixtures/sources/chart-broken: chart dependencies missing in charts/: postgresql: run helm dependency build ./test/fixtures/sources/chart-broken, then scan again\n',
  );
});

test('with nothing on PATH, a chart renders with the helm in the package .tools/bin', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const r = await runCli(['scan', 'test/fixtures/sources/chart-web', '-o', 'json'], { env: { PATH: '' } });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.ok(report.summary.objects > 0);
  assert.ok(report.findings.some((f) => f.object?.kind === 'Deployment'));
});

test('a Kustomize build error: exit 2 with kubectl\'s reason; no kustomize or kubectl at all: exit 2 saying how to render', async (t) => {
  const dir = await tempDir();
  await mkdir(join(dir, 'overlay'));
  await writeFile(join(dir, 'overlay', 'kustomization.yaml'), 'resources:\n  - missing.yaml\n');
  const none = await runCli(['scan', 'overlay'], { cwd: dir, env: NO_TOOLS });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^kubeward: overlay: a kustomization, but kustomize and kubectl are not on PATH: .*kubectl kustomize \.\/overlay \| kubeward scan -\n$/);
  if (!(await needTool(t, 'kubectl'))) return;
  const r = await runCli(['scan', 'overlay', '--fail-on', 'critical'], { cwd: dir, env: { PATH: '' } });
  assert.equal(r.code, 2, r.stdout);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kubeward: overlay\/kustomization\.yaml: kubectl kustomize failed \(exit code 1\): .*missing\.yaml.*: fix the kustomization/);
});

test('a broken manifest inside a readable tree stays an invalid-manifest finding', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'pod.yaml'), POD);
  await writeFile(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n');
  await writeFile(join(dir, 'nokind.yaml'), 'apiVersion: v1\nmetadata:\n  name: x\n');
  const r = await runCli(['scan', '.', '-o', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  const invalid = report.findings.filter((f) => f.checkId === 'invalid-manifest').map((f) => f.location.file).sort();
  assert.deepEqual(invalid, ['broken.yaml', 'nokind.yaml']);
  assert.equal(report.summary.skipped, 0);
});

test('non-Kubernetes YAML in a tree is skipped and counted, never a finding; --fail-on high passes', async () => {
  const dir = await tempDir();
  const files: Record<string, string> = {
    '.github/workflows/ci.yaml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    'renovate.json': '{ "extends": ["config:recommended"] }\n',
    '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.5.0\n',
    'package.json': '{ "name": "app", "version": "1.0.0", "scripts": { "test": "node --test" } }\n',
    'values.yaml': 'replicaCount: 2\nimage:\n  repository: nginx\n',
    'openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: api\n  version: "1"\npaths: {}\n',
    '.kubeward.yaml': 'failOn: high\nskipChecks: [naked-pod]\n',
    'docker-compose.yml': 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n',
    'tsconfig.json': '{ "compilerOptions": { "strict": true, } }\n',
    'empty.yaml': '# nothing here\n',
    'deploy/pod.yaml': POD,
  };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  const r = await runCli(['scan', '.', '-o', 'json', '--fail-on', 'high', '--config', '/dev/null'], { cwd: dir });
  assert.equal(r.code, 0, r.stdout);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.findings.filter((f) => f.checkId === 'invalid-manifest'), []);
  assert.ok(report.findings.every((f) => f.location.file === 'deploy/pod.yaml'), JSON.stringify(report.findings.map((f) => f.location.file)));
  // Nine foreign files (the comment-only file is nothing at all); one file read.
  assert.equal(report.summary.skipped, 9);
  assert.equal(report.summary.files, 2);
  const table = await runCli(['scan', '.', '--config', '/dev/null'], { cwd: dir });
  assert.match(table.stdout, /; 9 non-Kubernetes files skipped/);
  // Named on the command line, a file is read whatever it is: a clear finding.
  const named = await runCli(['scan', 'package.json', '-o', 'json', '--config', '/dev/null'], { cwd: dir });
  assert.ok((JSON.parse(named.stdout) as JsonReport).findings.some((f) => f.checkId === 'invalid-manifest'));
});

test('this repository\'s own docs/ and .github-like files: no finding from non-Kubernetes files', async () => {
  const dir = await tempDir();
  await cp(join(REPO_ROOT, 'docs'), join(dir, 'docs'), { recursive: true });
  await cp(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
  await cp(join(REPO_ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  await mkdir(join(dir, '.github', 'workflows'), { recursive: true });
  await writeFile(join(dir, '.github', 'workflows', 'ci.yml'), 'name: CI\non:\n  pull_request:\njobs:\n  kubeward:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npx kubeward scan . --fail-on high\n');
  const r = await runCli(['scan', '.', '-o', 'json', '--fail-on', 'high'], { cwd: dir });
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.deepEqual(report.findings.filter((f) => f.checkId === 'invalid-manifest').map((f) => f.location.file), []);
  assert.ok(report.summary.skipped >= 3, String(report.summary.skipped));
  assert.equal(r.code, report.findings.some((f) => f.severity === 'critical' || f.severity === 'high') ? 1 : 0);
});

test('typed lists as the API returns them: items take the list\'s kind and apiVersion', async () => {
  const dir = await tempDir();
  await writeFile(
    join(dir, 'lists.yaml'),
    `apiVersion: v1
kind: PodList
items:
  - metadata:
      name: web
      namespace: shop
    spec:
      containers:
        - name: app
          image: nginx:1.25
          securityContext:
            privileged: true
---
apiVersion: v1
kind: NamespaceList
items:
  - metadata:
      name: shop
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
  - metadata:
      name: deny
      namespace: shop
    spec:
      podSelector: {}
      policyTypes: [Ingress]
---
apiVersion: v1
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: shop
`,
  );
  const r = await runCli(['scan', 'lists.yaml', '-o', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.equal(report.summary.objects, 4);
  assert.deepEqual(report.warnings, []);
  assert.deepEqual(report.findings.filter((f) => f.checkId === 'invalid-manifest'), []);
  const priv = report.findings.find((f) => f.checkId === 'privileged-container');
  assert.equal(priv?.object?.kind, 'Pod');
  assert.equal(priv?.path, '/spec/containers/0/securityContext/privileged');
  assert.deepEqual([priv?.location.file, priv?.location.line], ['lists.yaml', 12]);
  // The NetworkPolicy from the typed list is seen: ingress is denied by default in shop.
  assert.ok(!report.findings.some((f) => f.checkId === 'missing-default-deny-ingress'));
});

const INSECURE = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
spec:
  volumes:
    - name: h
      hostPath:
        path: /var/log
  containers:
    - name: c
      image: nginx:1.25
      securityContext:
        privileged: true
        capabilities:
          add: [SYS_ADMIN]
        seccompProfile:
          type: Unconfined
        procMount: Unmasked
      volumeMounts:
        - name: h
          mountPath: /h
`;

test('--severity critical,high shows only those (any case); the summary counts the hidden; --fail-on sees only what is shown', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'pod.yaml'), INSECURE);
  const all = JSON.parse((await runCli(['scan', 'pod.yaml', '-o', 'json'], { cwd: dir })).stdout) as JsonReport;
  const r = await runCli(['scan', 'pod.yaml', '-o', 'json', '--severity', 'CRITICAL,high'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const shown = JSON.parse(r.stdout) as JsonReport;
  assert.ok(shown.findings.length > 0);
  assert.ok(shown.findings.every((f) => f.severity === 'critical' || f.severity === 'high'));
  assert.equal(shown.findings.length, all.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').length);
  assert.equal(shown.summary.hidden, all.findings.length - shown.findings.length);
  assert.equal(shown.summary.findings.medium, 0);
  assert.equal(shown.summary.findings.low, 0);
  // Only low/info shown: a --fail-on medium passes although medium findings exist.
  assert.equal((await runCli(['scan', 'pod.yaml', '--severity', 'low,info', '--fail-on', 'medium'], { cwd: dir })).code, 0);
  assert.equal((await runCli(['scan', 'pod.yaml', '--fail-on', 'medium'], { cwd: dir })).code, 1);
  const table = await runCli(['scan', 'pod.yaml', '--severity', 'critical'], { cwd: dir });
  assert.match(table.stdout, new RegExp(`; ${all.findings.length - all.findings.filter((f) => f.severity === 'critical').length} hidden by --severity`));
  const env = await runCli(['scan', 'pod.yaml', '-o', 'json'], { cwd: dir, env: { KUBEWARD_SEVERITY: 'critical' } });
  assert.ok((JSON.parse(env.stdout) as JsonReport).findings.every((f) => f.severity === 'critical'));
  const bad = await runCli(['scan', 'pod.yaml', '--severity', 'urgent'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--severity must be one of critical, high, medium, low, info \(got "urgent"\)/);
});

test('--pss restricted never reports a field at a lower severity than the default level does', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'pod.yaml'), INSECURE);
  const byPath = async (pss: string) => {
    const doc = JSON.parse((await runCli(['scan', 'pod.yaml', '-o', 'json', '--pss', pss], { cwd: dir })).stdout) as JsonReport & { implied?: JsonReport['findings'] };
    // The container is privileged: what privileged makes moot is folded under it (in `implied`, its severity kept).
    const report = { ...doc, findings: [...doc.findings, ...(doc.implied ?? [])] };
    const m = new Map<string, string>();
    const rank = ['critical', 'high', 'medium', 'low', 'info'];
    for (const f of report.findings) {
      // The field a finding is about (restricted-volume-types points at hostPath, host-path-volume at hostPath/path).
      const key = f.path.replace(/\/hostPath\/path$/, '/hostPath');
      const seen = m.get(key);
      if (!seen || rank.indexOf(f.severity) < rank.indexOf(seen)) m.set(key, f.severity);
    }
    return { m, report };
  };
  const latest = await byPath('latest');
  const restricted = await byPath('restricted');
  for (const path of ['/spec/volumes/0/hostPath', '/spec/containers/0/securityContext/capabilities/add/0', '/spec/containers/0/securityContext/seccompProfile/type', '/spec/containers/0/securityContext/procMount']) {
    assert.equal(latest.m.get(path), 'high', `latest ${path}`);
    assert.equal(restricted.m.get(path), 'high', `restricted ${path}`);
  }
  // The restricted checks themselves carry it.
  const sev = (id: string) => restricted.report.findings.find((f) => f.checkId === id)?.severity;
  assert.equal(sev('restricted-volume-types'), 'high');
  assert.equal(sev('seccomp-profile-unset'), 'high');
  assert.equal(sev('proc-mount-restricted'), 'high');
  assert.equal(restricted.report.findings.find((f) => f.checkId === 'capabilities-drop-all' && f.path.endsWith('/add/0'))?.severity, 'high');
  // A restricted-only case keeps the restricted check's own severity.
  assert.equal(restricted.report.findings.find((f) => f.checkId === 'capabilities-drop-all' && f.path.endsWith('/drop'))?.severity, 'medium');
});
