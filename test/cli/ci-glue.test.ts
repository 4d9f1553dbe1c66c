import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

/** Arguments after the `kubeward` word of a documented command line (no quoting in our docs). */
function kubewardArgs(line: string): string[] {
  const words = line.trim().split(/\s+/);
  const i = words.indexOf('kubeward');
  assert.ok(i >= 0, `no kubeward in: ${line}`);
  return words.slice(i + 1);
}

async function projectWithManifests(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-glue-'));
  await mkdir(join(dir, 'k8s'));
  await copyFile(join(REPO_ROOT, 'examples/insecure-app.yaml'), join(dir, 'k8s', 'app.yaml'));
  await copyFile(join(REPO_ROOT, 'examples/hardened-app.yaml'), join(dir, 'k8s', 'web.yaml'));
  return dir;
}

test('the example GitHub Actions workflow: its scan step writes SARIF and fails on high findings', async () => {
  const wf = parse(await readFile(join(REPO_ROOT, 'docs/github-actions.yml'), 'utf8')) as {
    jobs: { scan: { steps: { name?: string; run?: string; with?: Record<string, string> }[] } };
  };
  const steps = wf.jobs.scan.steps;
  const scan = steps.find((s) => s.name === 'Scan manifests');
  const upload = steps.find((s) => s.name === 'Upload SARIF');
  assert.ok(scan?.run && upload?.with);
  const dir = await projectWithManifests();
  const r = await runCli(kubewardArgs(scan.run), { cwd: dir });
  assert.equal(r.code, 1, 'high findings fail the job');
  assert.match(r.stdout, /privileged-container/, 'the table goes to the job log');
  const sarif = JSON.parse(await readFile(join(dir, upload.with.sarif_file!), 'utf8')) as {
    runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  const uris = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
  assert.deepEqual([...uris], ['k8s/app.yaml'], 'paths are relative to the checkout, as code scanning needs');
});

test('the pre-commit hook entry scans the staged files it is given', async () => {
  const hooks = parse(await readFile(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string }[];
  const hook = hooks.find((h) => h.id === 'kubeward');
  assert.ok(hook);
  const files = new RegExp(hook.files);
  assert.ok(files.test('k8s/app.yaml') && files.test('x.json') && !files.test('README.md'));
  const dir = await projectWithManifests();
  assert.equal((await runCli([...kubewardArgs(hook.entry), 'k8s/app.yaml'], { cwd: dir })).code, 1);
  assert.equal((await runCli([...kubewardArgs(hook.entry), 'k8s/web.yaml'], { cwd: dir })).code, 0);
});
