// An output file never overwrites an input, two formats never share a file, and a missing directory
// outside the working tree is not created.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { outputTargetErrors } from '../../src/report/output-targets.js';
import { REPO_ROOT as REPO, runCli } from '../helpers/cli.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: c, image: c:1, securityContext: {privileged: true}}\n';

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kw-out-target-'));
  await mkdir(join(dir, 'k8s'));
  await writeFile(join(dir, 'k8s/pod.yaml'), POD);
  return dir;
}

test('--output naming an input file is a usage error (exit 2) and the input is untouched', async () => {
  const dir = await workspace();
  for (const args of [['-o', 'json', '--output', 'k8s/pod.yaml'], ['-o', 'sarif=./k8s/../k8s/pod.yaml']]) {
    const r = await runCli(['scan', 'k8s', ...args], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /k8s\/pod\.yaml.* is an input of this scan/);
    assert.equal(await readFile(join(dir, 'k8s/pod.yaml'), 'utf8'), POD);
  }
  const named = await runCli(['scan', 'k8s/pod.yaml', '-o', 'json', '--output', 'k8s/pod.yaml'], { cwd: dir });
  assert.equal(named.code, 2);
  assert.equal(await readFile(join(dir, 'k8s/pod.yaml'), 'utf8'), POD);
});

test('sbom, image scan --sbom and image sbom --output never overwrite what they read', async () => {
  const dir = await workspace();
  const sbom = await runCli(['sbom', 'k8s', '--output', 'k8s/pod.yaml'], { cwd: dir });
  assert.equal(sbom.code, 2, sbom.stderr);
  assert.match(sbom.stderr, /is an input/);
  assert.equal(await readFile(join(dir, 'k8s/pod.yaml'), 'utf8'), POD);
  const bom = join(REPO, 'examples/sbom/alpine-3.9.cdx.json');
  const before = await readFile(bom, 'utf8');
  const img = await runCli(['image', 'scan', '--sbom', bom, '--output', bom, '--db', join(dir, 'none.db')]);
  assert.equal(img.code, 2, img.stderr);
  assert.match(img.stderr, /is an input/);
  assert.equal(await readFile(bom, 'utf8'), before);
  const layout = join(REPO, 'test/fixtures/oci/layout');
  const imgSbom = await runCli(['image', 'sbom', `oci-layout:${layout}:v1`, '--output', join(layout, 'index.json')]);
  assert.equal(imgSbom.code, 2, imgSbom.stderr);
  assert.match(imgSbom.stderr, /is an input/);
});

test('two formats naming the same file is a usage error (exit 2)', async () => {
  const dir = await workspace();
  const r = await runCli(['scan', 'k8s', '-o', 'json=out/r.txt', '-o', 'sarif=./out/r.txt'], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /json and sarif both write out\/r\.txt/);
  assert.equal(existsSync(join(dir, 'out')), false);
});

test('a missing output directory is created inside the working tree, not outside it', async () => {
  const dir = await workspace();
  const outside = await mkdtemp(join(tmpdir(), 'kw-out-elsewhere-'));
  const r = await runCli(['scan', 'k8s', '-o', `json=${join(outside, 'a/b/r.json')}`], { cwd: dir });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /directory .*a\/b does not exist/);
  assert.equal(existsSync(join(outside, 'a')), false);
  const inside = await runCli(['scan', 'k8s', '-o', 'json=reports/today/r.json'], { cwd: dir });
  assert.equal(inside.code, 0, inside.stderr);
  assert.ok(JSON.parse(await readFile(join(dir, 'reports/today/r.json'), 'utf8')));
  const existing = await runCli(['scan', 'k8s', '-o', `json=${join(outside, 'r.json')}`], { cwd: dir });
  assert.equal(existing.code, 0, existing.stderr);
});

test('outputTargetErrors is a pure judgement over what the file system was seen to hold', () => {
  const files = new Map([['/w/k8s', { real: '/w/k8s', id: '1:1', dir: true }], ['/w/k8s/a.yaml', { real: '/w/k8s/a.yaml', id: '1:2', dir: false }], ['/w/link.json', { real: '/w/k8s/a.yaml', id: '1:2', dir: false }]]);
  const probe = (p: string) => files.get(p);
  const errs = (outs: { format: string; file?: string }[], inputs: string[]) => outputTargetErrors(outs, inputs, '/w', probe);
  assert.deepEqual(errs([{ format: 'json', file: 'k8s/b.txt' }], ['k8s']), [], 'a new file in an input directory without a manifest extension');
  assert.equal(errs([{ format: 'json', file: 'link.json' }], ['k8s']).length, 1, 'a link to an input');
  assert.equal(errs([{ format: 'json', file: 'k8s/a.yaml' }], ['k8s']).length, 1, 'a manifest the walk of an input directory reads');
  assert.equal(errs([{ format: 'json', file: 'k8s/new.yaml' }], ['k8s']).length, 0, 'a file that does not exist yet is no input');
  assert.equal(errs([{ format: 'json' }, { format: 'table' }], ['k8s']).length, 0, 'stdout is not a file');
});
