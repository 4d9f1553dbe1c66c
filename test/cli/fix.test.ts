import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-fix-'));
  await cp(join(REPO_ROOT, 'examples'), join(dir, 'k8s'), { recursive: true });
  return dir;
}

test('fix --dry-run prints a unified diff and writes nothing', async () => {
  const dir = await workspace();
  const before = await readFile(join(dir, 'k8s/insecure-app.yaml'), 'utf8');
  const r = await runCli(['fix', 'k8s/insecure-app.yaml', '--dry-run'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^={10,}\n--- a\/k8s\/insecure-app.yaml\n\+\+\+ b\/k8s\/insecure-app.yaml\n@@ /);
  assert.match(r.stdout, /^-            privileged: true$/m);
  assert.match(r.stdout, /^\+            privileged: false$/m);
  assert.match(r.stderr, /would fix \d+ findings in 1 file/);
  assert.equal(await readFile(join(dir, 'k8s/insecure-app.yaml'), 'utf8'), before);
});

test('fix rewrites in place; a rescan shows the fixed checks clean; a second fix changes nothing', async () => {
  const dir = await workspace();
  const fixable = 'privileged-container,allow-privilege-escalation,read-only-root-filesystem,run-as-non-root,seccomp-profile-unset';
  const r = await runCli(['fix', 'k8s'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^fixed k8s\/insecure-app.yaml: .*privileged-container 1/m);
  assert.match(r.stderr, /broken.yaml: .*not fixed/, 'the broken document is reported');
  const scan = await runCli(['scan', 'k8s', '-o', 'json', '--checks', fixable], { cwd: dir });
  const report = JSON.parse(scan.stdout) as { findings: { checkId: string; object?: { name: string } }[] };
  assert.deepEqual(report.findings.filter((f) => f.checkId !== 'invalid-manifest').map((f) => `${f.checkId} ${f.object?.name}`), []);
  const files = ['insecure-app.yaml', 'nightly-report.json'];
  const after = await Promise.all(files.map((f) => readFile(join(dir, 'k8s', f), 'utf8')));
  const again = await runCli(['fix', 'k8s'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, '');
  assert.match(again.stderr, /fixed 0 findings in 0 files/);
  assert.deepEqual(await Promise.all(files.map((f) => readFile(join(dir, 'k8s', f), 'utf8'))), after);
  JSON.parse(after[1]!); // still JSON
});

test('--checks limits the fixes; --skip-checks leaves one out; unknown and unfixable selections are usage errors', async () => {
  const dir = await workspace();
  const only = await runCli(['fix', 'k8s/insecure-app.yaml', '--dry-run', '--checks', 'privileged-container'], { cwd: dir });
  assert.equal(only.code, 0, only.stderr);
  const added = only.stdout.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
  assert.deepEqual(added, ['+            privileged: false']);
  const skip = await runCli(['fix', 'k8s/insecure-app.yaml', '--dry-run', '--skip-checks', 'read-only-root-filesystem'], { cwd: dir });
  assert.doesNotMatch(skip.stdout, /readOnlyRootFilesystem/);
  assert.match(skip.stdout, /runAsNonRoot: true/);
  const typo = await runCli(['fix', 'k8s', '--checks', 'privleged-container'], { cwd: dir });
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /did you mean "privileged-container"/);
  const none = await runCli(['fix', 'k8s', '--checks', 'host-pid'], { cwd: dir });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /none of the selected checks has a fix/);
});

test('Helm charts, Kustomize roots and stdin are never rewritten, and say why', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-fix-'));
  await mkdir(join(dir, 'chart/templates'), { recursive: true });
  await writeFile(join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
  const template = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n  - name: c\n    image: c:1\n    securityContext: {privileged: true}\n';
  await writeFile(join(dir, 'chart/templates/pod.yaml'), template);
  await mkdir(join(dir, 'overlay'));
  await writeFile(join(dir, 'overlay/kustomization.yaml'), 'resources: [pod.yaml]\n');
  await writeFile(join(dir, 'overlay/pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: c:1}\n');
  const r = await runCli(['fix', 'chart', 'overlay', '-'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /skipped chart: a Helm chart: its templates are Go templates/);
  assert.match(r.stderr, /skipped overlay: a Kustomize root/);
  assert.match(r.stderr, /skipped -: stdin cannot be rewritten/);
  assert.equal(await readFile(join(dir, 'chart/templates/pod.yaml'), 'utf8'), template);
});

test('a missing path is an error (exit 2) and the other paths are still fixed', async () => {
  const dir = await workspace();
  const r = await runCli(['fix', 'nope.yaml', 'k8s/insecure-app.yaml'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nope.yaml: no such file or directory/);
  assert.match(await readFile(join(dir, 'k8s/insecure-app.yaml'), 'utf8'), /privileged: false/);
});

test('checkOptions from .kubeward.yaml are read (a bad config is a usage error)', async () => {
  const dir = await workspace();
  await writeFile(join(dir, '.kubeward.yaml'), 'checkOptions: [1]\n');
  const r = await runCli(['fix', 'k8s', '--dry-run'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /checkOptions/);
});
