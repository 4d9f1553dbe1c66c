import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

interface JsonReport {
  schemaVersion: string;
  tool: { name: string };
  summary: { files: number; objects: number; findings: Record<string, number>; suppressed: number };
  findings: { checkId: string; severity: string; object?: { kind: string; name: string }; location: { file: string; line: number; column: number }; path: string; fingerprint: string }[];
  warnings: string[];
}

async function lineOf(file: string, needle: string): Promise<number> {
  const lines = (await readFile(join(REPO_ROOT, file), 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `${needle} not in ${file}`);
  return i + 1;
}

test('scan examples/ as JSON: findings with exact locations, broken documents reported, the rest scanned', async () => {
  const r = await runCli(['scan', 'examples/', '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.equal(report.schemaVersion, '1.3');
  assert.equal(report.tool.name, 'kubeward');
  assert.equal(report.summary.files, 4);
  const priv = report.findings.filter((f) => f.checkId === 'privileged-container');
  assert.equal(priv.length, 1);
  assert.equal(priv[0]!.location.file, 'examples/insecure-app.yaml');
  assert.equal(priv[0]!.location.line, await lineOf('examples/insecure-app.yaml', 'privileged: true'));
  assert.equal(priv[0]!.path, '/spec/template/spec/initContainers/0/securityContext/privileged');
  const invalid = report.findings.filter((f) => f.checkId === 'invalid-manifest');
  assert.equal(invalid.length, 1);
  assert.equal(invalid[0]!.location.file, 'examples/broken.yaml');
  assert.ok(report.findings.some((f) => f.object?.name === 'still-scanned'), 'the document after the broken one is scanned');
  // The List in a JSON file: its CronJob item is located inside the JSON text.
  const cron = report.findings.find((f) => f.object?.kind === 'CronJob' && f.checkId === 'allow-privilege-escalation');
  assert.ok(cron);
  assert.equal(cron.location.line, await lineOf('examples/nightly-report.json', '"allowPrivilegeEscalation": true'));
  assert.ok(!report.findings.some((f) => f.object?.name === 'web'), 'the hardened app has no findings');
});

test('--fail-on sets the exit code', async () => {
  assert.equal((await runCli(['scan', 'examples/insecure-app.yaml', '--fail-on', 'critical'])).code, 1);
  assert.equal((await runCli(['scan', 'examples/hardened-app.yaml', '--fail-on', 'info'])).code, 0);
  const bad = await runCli(['scan', 'examples/', '--fail-on', 'severe']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--fail-on must be one of/);
});

test('stdin, several formats in one run, and --checks selection by another tool\'s id', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-cli-'));
  const input = await readFile(join(REPO_ROOT, 'examples/insecure-app.yaml'), 'utf8');
  const r = await runCli(['scan', '-', '--checks', 'C-0057,host-pid', '-o', 'table', '-o', `sarif=${dir}/r.sarif`, '-o', `json=${dir}/r.json`], { input });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /privileged-container/);
  const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')) as JsonReport;
  assert.deepEqual([...new Set(report.findings.map((f) => f.checkId))].sort(), ['host-pid', 'privileged-container']);
  assert.equal(report.findings[0]!.location.file, '<stdin>');
  const sarif = JSON.parse(await readFile(join(dir, 'r.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0]!.results.length, 2);
});

test('unknown check ids and formats are usage errors (exit 2)', async () => {
  const a = await runCli(['scan', 'examples/', '--checks', 'no-such-check']);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /unknown check id\(s\): "no-such-check"/);
  const b = await runCli(['scan', 'examples/', '-o', 'pdf']);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /unknown output format "pdf"/);
  const c = await runCli(['scan']);
  assert.equal(c.code, 2);
});

test('baseline: a second scan against the first report reports nothing new', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-baseline-'));
  const first = await runCli(['scan', 'examples/insecure-app.yaml', '-o', `json=${dir}/base.json`]);
  assert.equal(first.code, 0, first.stderr);
  const base = JSON.parse(await readFile(join(dir, 'base.json'), 'utf8')) as JsonReport;
  // Move everything two lines down: fingerprints do not depend on lines.
  const moved = '# moved\n# down\n' + (await readFile(join(REPO_ROOT, 'examples/insecure-app.yaml'), 'utf8'));
  await writeFile(join(dir, 'app.yaml'), moved);
  const second = await runCli(['scan', join(dir, 'app.yaml'), '--baseline', join(dir, 'base.json'), '-o', 'json', '--fail-on', 'info']);
  assert.equal(second.code, 0, second.stderr);
  const report = JSON.parse(second.stdout) as JsonReport;
  assert.equal(report.findings.length, 0);
  // Findings folded under another one (base.implied) were in the first report too: all set aside.
  const implied = (base as unknown as { implied?: unknown[] }).implied?.length ?? 0;
  assert.equal(report.summary.suppressed, base.findings.length + implied);
});

test('annotation exceptions and an upward-discovered .kubeward.yaml', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-config-'));
  await mkdir(join(dir, 'k8s', 'apps'), { recursive: true });
  await writeFile(join(dir, '.kubeward.yaml'), 'failOn: high\nskipChecks: [resource-limits]\nseverity:\n  image-tag-latest: high\n');
  await writeFile(
    join(dir, 'k8s', 'apps', 'pod.yaml'),
    `apiVersion: v1
kind: Pod
metadata:
  name: tools
  annotations:
    kubeward.io/ignore: "host-pid: node debugging pod, approved"
spec:
  hostPID: true
  containers:
    - name: shell
      image: busybox:1.36
`,
  );
  const r = await runCli(['scan', join(dir, 'k8s'), '-o', 'json']);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.ok(!report.findings.some((f) => f.checkId === 'host-pid'), 'excepted by annotation');
  assert.ok(!report.findings.some((f) => f.checkId === 'resource-limits'), 'skipped by config');
  assert.equal(report.summary.suppressed, 1);
  // No finding at high or above remains (host-pid was excepted), so failOn: high from the config passes.
  assert.equal(r.code, 0, r.stderr);
  await writeFile(join(dir, 'k8s', 'apps', 'tag.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: t}\nspec:\n  containers: [{name: a, image: nginx}]\n');
  const r2 = await runCli(['scan', join(dir, 'k8s'), '-o', 'json']);
  const report2 = JSON.parse(r2.stdout) as JsonReport;
  assert.equal(report2.findings.find((f) => f.checkId === 'image-tag-latest')?.severity, 'high', 'severity override from config');
  assert.equal(r2.code, 1);
});

test('checks and explain read the same metadata', async () => {
  const list = await runCli(['checks', '-o', 'json']);
  assert.equal(list.code, 0);
  const { checks } = JSON.parse(list.stdout) as { checks: { id: string }[] };
  assert.ok(checks.length >= 10);
  const explain = await runCli(['explain', 'KSV017']);
  assert.equal(explain.code, 0);
  assert.match(explain.stdout, /^privileged-container: Container runs privileged/);
  assert.equal((await runCli(['explain', 'nope'])).code, 2);
});

test('without helm on PATH or in the tools dir: exit 2, one message with the command to pipe instead (never "no findings")', async () => {
  const r = await runCli(['scan', 'test/fixtures/sources/chart-web', '-o', 'json', '--fail-on', 'low'], { env: { PATH: '', KUBEWARD_TOOLS_DIR: '' } });
  assert.equal(r.code, 2, r.stdout);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kubeward: test\/fixtures\/sources\/chart-web: a Helm chart, but helm is not on PATH: install helm .*render it and pipe it in: helm template release-name \S*chart-web \| kubeward scan -\n$/);
});

test('options from the environment, and an exceptions file whose expired entry is reported, not applied', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-env-'));
  await writeFile(
    join(dir, 'exceptions.yaml'),
    `exceptions:
  - check: privileged-container
    object: {kind: Deployment, namespace: shop, name: legacy-*}
    reason: vendor image, replacement planned
    owner: platform-team
    expires: "2030-01-01"
  - check: host-pid
    object: {name: legacy-web}
    reason: debugging
    owner: alice
    expires: "2020-01-31"
`,
  );
  const r = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--exceptions', join(dir, 'exceptions.yaml')], { env: { KUBEWARD_FAIL_ON: 'high' } });
  assert.equal(r.code, 1, 'KUBEWARD_FAIL_ON=high applies');
  const report = JSON.parse(r.stdout) as JsonReport & { suppressed: { finding: { checkId: string }; by: string; owner?: string }[] };
  assert.ok(!report.findings.some((f) => f.checkId === 'privileged-container'), 'the live exception applies');
  assert.deepEqual(report.suppressed.map((s) => [s.finding.checkId, s.by, s.owner]), [['privileged-container', 'exceptions-file', 'platform-team']]);
  assert.ok(report.findings.some((f) => f.checkId === 'host-pid'), 'the expired exception does not apply');
  assert.ok(report.warnings.some((w) => /expired on 2020-01-31/.test(w) && /alice/.test(w)), report.warnings.join('\n'));
  assert.match(r.stderr, /expired on 2020-01-31/);
  const flagWins = await runCli(['scan', 'examples/insecure-app.yaml', '--fail-on', 'critical', '--exceptions', join(dir, 'exceptions.yaml')], { env: { KUBEWARD_FAIL_ON: 'high' } });
  assert.equal(flagWins.code, 0, 'the flag beats the environment; the only critical finding is excepted');
});

test('paths in .kubeward.yaml are relative to the config file, not to the working directory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-relpath-'));
  await mkdir(join(dir, 'policy'));
  await mkdir(join(dir, 'k8s'));
  await writeFile(join(dir, '.kubeward.yaml'), 'exceptionsFile: policy/exceptions.yaml\n');
  await writeFile(join(dir, 'policy', 'exceptions.yaml'), 'exceptions:\n  - check: "*"\n    object: {name: legacy-web}\n    reason: migrating\n    owner: team-shop\n');
  await writeFile(join(dir, 'k8s', 'app.yaml'), await readFile(join(REPO_ROOT, 'examples/insecure-app.yaml'), 'utf8'));
  const r = await runCli(['scan', join(dir, 'k8s'), '-o', 'json'], { cwd: tmpdir() });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as JsonReport;
  assert.equal(report.findings.length, 0);
  assert.ok(report.summary.suppressed > 10);
});
