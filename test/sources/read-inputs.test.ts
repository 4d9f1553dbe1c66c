import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readInputs } from '../../src/sources/read-inputs.js';
import { fixtures, needTool, toolEnv } from './tools.js';

const tree = join(fixtures, 'tree');
const enc = join(fixtures, 'encodings');

test('files, stdin, bad input and a missing path: every object and problem in argument order; the missing path an error', async () => {
  const progress: [number, number][] = [];
  const stdin = Readable.from([Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-stdin\n')]);
  const r = await readInputs([join(tree, 'list.yaml'), '-', 'missing.yaml', join(enc, 'binary.yaml'), join(enc, 'latin1.yaml'), join(enc, 'empty.yaml')], {
    stdin,
    env: { PATH: '' },
    concurrency: 2,
    onProgress: (done, total) => progress.push([done, total]),
  });
  assert.equal(r.files, 5);
  assert.deepEqual(progress, [[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
  assert.deepEqual(r.loaded.objects.map((o) => `${o.kind}/${o.name}`), ['ServiceAccount/first', 'ServiceAccount/second', 'Namespace/from-stdin', 'ConfigMap/caf\uFFFD']);
  assert.deepEqual(r.loaded.objects.map((o) => o.source.file), [join(tree, 'list.yaml'), join(tree, 'list.yaml'), '<stdin>', join(enc, 'latin1.yaml')]);
  assert.deepEqual(r.loaded.objects[1]!.source.pointerPrefix, '/items/1');
  assert.deepEqual(r.errors, ['missing.yaml: no such file or directory: check the path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)']);
  assert.deepEqual(r.loaded.problems.map((p) => [p.file, p.line, p.column, p.message.replace(/ \(.*$/, '')]), [
    [join(enc, 'binary.yaml'), 1, 1, 'binary file, not a manifest'],
    [join(enc, 'latin1.yaml'), 4, 12, 'file is not valid UTF-8'],
  ]);
  assert.equal(r.loaded.documents, 3);
  assert.deepEqual(r.warnings, []);
});

test('a tree with a nested chart and no helm: plain files read, an error says how to pipe the chart', async () => {
  const r = await readInputs([tree], { env: { PATH: '', KUBEWARD_TOOLS_DIR: '' } });
  assert.deepEqual(r.loaded.problems, []);
  assert.deepEqual(r.loaded.objects.map((o) => o.name), ['app-config', 'app', 'app', 'kust-cm', 'first', 'second', 'local-b', 'local-keep', 'sub-pod']);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(r.errors, [`${join(tree, 'charts', 'mini')}: a Helm chart, but helm is not on PATH: install helm (or run scripts/install-tools.sh in the kubeward package), or render it and pipe it in: helm template release-name ${join(tree, 'charts', 'mini')} | kubeward scan -`]);
});

test('a tree with a nested chart and helm: the chart is rendered in its place with helm options', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const r = await readInputs([tree], { env: toolEnv(), helm: { releaseName: 'x' } });
  assert.deepEqual(r.loaded.problems, []);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(r.loaded.objects.map((o) => o.name), ['app-config', 'app', 'app', 'x-mini', 'kust-cm', 'first', 'second', 'local-b', 'local-keep', 'sub-pod']);
  const mini = r.loaded.objects[3]!;
  assert.equal(mini.source.file, join(tree, 'charts', 'mini', 'templates', 'configmap.yaml'));
  assert.equal(mini.source.rendered, 'helm');
});

test('"-" with a terminal on stdin warns instead of waiting forever', async () => {
  const tty = Object.assign(Readable.from([]), { isTTY: true });
  const r = await readInputs(['-'], { stdin: tty });
  assert.equal(r.loaded.objects.length, 0);
  assert.deepEqual(r.warnings, ['"-" reads stdin, but stdin is a terminal: pipe manifests in, e.g. helm template my-release ./chart | kubeward scan -']);
});

test('a named pipe (process substitution) is read as a stream, with helm mapping', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-fifo-'));
  const fifo = join(dir, 'rendered');
  try {
    execFileSync('mkfifo', [fifo]);
  } catch {
    if (process.env.CI === 'true') assert.fail('mkfifo (coreutils) missing under CI');
    t.skip('mkfifo not available');
    return;
  }
  const writing = writeFile(fifo, '---\n# Source: web/templates/sa.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: piped\n');
  const r = await readInputs([fifo]);
  await writing;
  assert.deepEqual(r.loaded.problems, []);
  assert.deepEqual(r.loaded.objects.map((o) => [o.name, o.source.file, o.source.rendered]), [['piped', 'web/templates/sa.yaml', 'helm']]);
});
