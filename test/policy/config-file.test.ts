import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findConfig, readTextFile, resolveFromConfig } from '../../src/sources/config-file.js';

describe('findConfig', () => {
  let root: string;
  before(async () => {
    // root/.kubeward.yml, root/app/.kubeward.yaml + .kubeward.yml, root/app/deploy/prod/web.yaml, root/other/x.yaml
    root = await mkdtemp(join(tmpdir(), 'kubeward-config-'));
    await mkdir(join(root, 'app', 'deploy', 'prod'), { recursive: true });
    await mkdir(join(root, 'other'), { recursive: true });
    await mkdir(join(root, 'dirnamed', '.kubeward.yaml'), { recursive: true });
    await writeFile(join(root, '.kubeward.yml'), 'failOn: low\n');
    await writeFile(join(root, 'app', '.kubeward.yaml'), 'failOn: high\n');
    await writeFile(join(root, 'app', '.kubeward.yml'), 'failOn: info\n');
    await writeFile(join(root, 'app', 'deploy', 'prod', 'web.yaml'), 'kind: Pod\n');
    await writeFile(join(root, 'other', 'x.yaml'), 'kind: Pod\n');
  });
  after(async () => rm(root, { recursive: true, force: true }));

  it('walks up from a directory to the nearest config, preferring .yaml over .yml', async () => {
    const found = await findConfig(join(root, 'app', 'deploy', 'prod'));
    assert.deepEqual(found, { file: join(root, 'app', '.kubeward.yaml'), text: 'failOn: high\n' });
  });

  it("starts from a file's directory", async () => {
    const found = await findConfig(join(root, 'app', 'deploy', 'prod', 'web.yaml'));
    assert.equal(found?.file, join(root, 'app', '.kubeward.yaml'));
  });

  it('finds a .yml further up and checks the start directory itself', async () => {
    assert.equal((await findConfig(join(root, 'other', 'x.yaml')))?.file, join(root, '.kubeward.yml'));
    assert.equal((await findConfig(join(root, 'app')))?.file, join(root, 'app', '.kubeward.yaml'));
  });

  it('skips a directory named like the config file', async () => {
    assert.equal((await findConfig(join(root, 'dirnamed')))?.file, join(root, '.kubeward.yml'));
  });

  it('starts from the parent of a path that does not exist', async () => {
    assert.equal((await findConfig(join(root, 'app', 'missing.yaml')))?.file, join(root, 'app', '.kubeward.yaml'));
  });
});

describe('readTextFile', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeward-read-'));
    await writeFile(join(dir, 'bom.yaml'), '\ufeffexceptions: []\n');
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('returns the text without a byte-order mark', async () => {
    assert.equal(await readTextFile(join(dir, 'bom.yaml')), 'exceptions: []\n');
  });

  it('throws a clear error naming what and where', async () => {
    const missing = join(dir, 'nope.yaml');
    await assert.rejects(readTextFile(missing, 'exceptions file'), { message: `cannot read exceptions file "${missing}": no such file` });
    await assert.rejects(readTextFile(dir, 'baseline'), { message: `cannot read baseline "${dir}": it is a directory, not a file` });
  });
});

describe('resolveFromConfig', () => {
  it("resolves relative paths against the config file's directory and keeps absolute ones", () => {
    assert.equal(resolveFromConfig(join('/', 'repo', '.kubeward.yaml'), 'policy/ex.yaml'), join('/', 'repo', 'policy', 'ex.yaml'));
    assert.equal(resolveFromConfig(join('/', 'repo', '.kubeward.yaml'), join('/', 'etc', 'b.json')), join('/', 'etc', 'b.json'));
  });
});
