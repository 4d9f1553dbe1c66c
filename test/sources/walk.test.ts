import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { walkInputs, type InputEntry } from '../../src/sources/walk.js';
import { copyFixture, fixtures } from './tools.js';

/** Entries as short strings relative to `base`, for readable assertions. */
function show(entries: InputEntry[], base: string): string[] {
  return entries.map((e) => {
    if (e.kind === 'stdin') return 'stdin';
    if (e.kind === 'helm') return `helm:${relative(base, e.dir)}`;
    if (e.kind === 'kustomize') return `kustomize:${relative(base, e.file)}`;
    return `${e.kind}:${relative(base, e.path)}`;
  });
}

test('a tree is walked in sorted order, honouring .kubewardignore, skipping node_modules and .git', async () => {
  const tree = await copyFixture('tree');
  await mkdir(join(tree, 'node_modules', 'pkg'), { recursive: true });
  await writeFile(join(tree, 'node_modules', 'pkg', 'x.yaml'), 'kind: Nope\n');
  await mkdir(join(tree, '.git'));
  await writeFile(join(tree, '.git', 'config.yaml'), 'kind: Nope\n');
  const w = await walkInputs([tree]);
  assert.deepEqual(w.problems, []);
  assert.deepEqual(w.warnings, []);
  assert.deepEqual(show(w.entries, tree), [
    'file:app/config.json',
    'file:app/deployment.yaml',
    // app/notes.txt: not a manifest extension; app/wip.draft.yaml and ignored/: root .kubewardignore
    'helm:charts/mini', // a chart inside a tree is rendered, never parsed raw
    'file:kust/configmap.yaml', // a kustomization inside a tree is read as plain files, minus kustomization.yaml
    'file:list.yaml',
    'file:local-b.yaml', // sub/.kubewardignore applies to sub/ only
    'file:sub/local-keep.yaml', // negated in sub/.kubewardignore
    'file:sub/pod.yml',
  ]);
});

test('a file named explicitly is read whatever its extension; "-" is stdin, once', async () => {
  const txt = join(fixtures, 'encodings', 'not-yaml-extension.txt');
  const w = await walkInputs(['-', txt, '-']);
  assert.deepEqual(show(w.entries, fixtures), ['stdin', 'file:encodings/not-yaml-extension.txt']);
  assert.deepEqual(w.warnings, ['"-" (stdin) given more than once: read once']);
});

test('a missing path named is an error and the walk goes on', async () => {
  const list = join(fixtures, 'tree', 'list.yaml');
  const w = await walkInputs(['does/not/exist.yaml', list]);
  assert.deepEqual(w.problems, []);
  assert.deepEqual(w.errors, ['does/not/exist.yaml: no such file or directory: check the path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)']);
  assert.deepEqual(show(w.entries, fixtures), ['file:tree/list.yaml']);
});

test('a chart directory argument is rendered, a kustomization directory argument is rendered', async () => {
  const w = await walkInputs([join(fixtures, 'chart-web') + '/', join(fixtures, 'kustomize', 'overlays', 'prod')]);
  assert.deepEqual(show(w.entries, fixtures), ['helm:chart-web', 'kustomize:kustomize/overlays/prod/kustomization.yaml']);
  assert.equal((w.entries[0] as { dir: string }).dir, join(fixtures, 'chart-web')); // trailing slash dropped
});

test('an overlay named beside its parent tree is rendered and its files are also read', async () => {
  const base = join(fixtures, 'kustomize');
  const w = await walkInputs([join(base, 'overlays', 'prod'), base]);
  assert.deepEqual(show(w.entries, base), [
    'kustomize:overlays/prod/kustomization.yaml',
    'file:base/deployment.yaml',
    'file:base/service.yaml',
    'file:overlays/prod/network-policy.yaml',
    'file:overlays/prod/replicas.yaml',
  ]);
});

test('symlink loops end, linked files are read once, a dangling manifest link is a problem', async () => {
  const tree = await copyFixture('tree');
  await symlink('..', join(tree, 'sub', 'loop')); // sub/loop -> tree
  await symlink(join(tree, 'sub'), join(tree, 'again')); // again -> sub (walked before sub)
  await symlink(join(tree, 'list.yaml'), join(tree, 'a-link.yaml')); // same file twice
  await symlink(join(tree, 'gone.yaml'), join(tree, 'dangling.yaml'));
  const w = await walkInputs([tree]);
  const shown = show(w.entries, tree);
  assert.deepEqual(shown, [
    'file:a-link.yaml',
    'file:again/local-keep.yaml',
    'file:again/pod.yml',
    'file:app/config.json',
    'file:app/deployment.yaml',
    'helm:charts/mini',
    'file:kust/configmap.yaml',
    'file:local-b.yaml',
  ]);
  assert.deepEqual(w.problems, [{ code: 'invalid-manifest', message: 'no such file or directory', file: join(tree, 'dangling.yaml'), line: 1, column: 1 }]);
});

test('the same input named twice is read once', async () => {
  const list = join(fixtures, 'tree', 'list.yaml');
  const w = await walkInputs([list, list, join(fixtures, 'chart-web'), join(fixtures, 'chart-web')]);
  assert.deepEqual(show(w.entries, fixtures), ['file:tree/list.yaml', 'helm:chart-web']);
});
