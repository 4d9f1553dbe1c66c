import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readStream } from '../../src/sources/stdin.js';

const stream = (...chunks: (string | Buffer)[]) => Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));

test('stdin is one YAML stream named <stdin>, however it is chunked', async () => {
  const r = await readStream(stream('apiVersion: v1\nkind: Config', 'Map\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n'));
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.objects.map((o) => `${o.kind}/${o.name}@${o.source.file}#${o.source.document}`), ['ConfigMap/a@<stdin>#0', 'Secret/b@<stdin>#1']);
  assert.equal(r.objects[1]!.source.positions.locate('/kind').line, 7);
});

test('stdin that begins with { is JSON (kubectl get -o json)', async () => {
  const r = await readStream(stream('  {"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"n"}}]}'));
  assert.deepEqual(r.problems, []);
  assert.equal(r.objects.length, 1);
  assert.equal(r.objects[0]!.name, 'p');
  assert.equal(r.objects[0]!.namespace, 'n');
  assert.equal(r.objects[0]!.source.pointerPrefix, '/items/0');
});

test('helm output piped in maps each document to the template path helm printed', async () => {
  const helmOut = [
    '---',
    '# Source: web/templates/sa.yaml',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: web',
    '---',
    '# Source: web/templates/deployment.yaml',
    '# a comment from the template',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '',
  ].join('\n');
  const r = await readStream(stream(helmOut));
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.objects.map((o) => [o.source.file, o.source.rendered]), [['web/templates/sa.yaml', 'helm'], ['web/templates/deployment.yaml', 'helm']]);
  // Lines are relative to each template's document: line 1 is the line after "# Source:".
  assert.deepEqual(r.objects[0]!.source.positions.locate('/kind'), { line: 2, column: 1 });
  assert.deepEqual(r.objects[1]!.source.positions.locate('/kind'), { line: 3, column: 1 });
  assert.deepEqual(r.objects[1]!.source.positions.locate('/metadata/name'), { line: 5, column: 3 });
});

test('empty stdin gives nothing and no problem', async () => {
  const r = await readStream(stream());
  assert.deepEqual(r, { objects: [], problems: [], documents: 0 });
});

test('binary stdin is a problem on <stdin>', async () => {
  const r = await readStream(stream(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00])));
  assert.deepEqual(r.problems, [{ code: 'invalid-manifest', message: 'binary file, not a manifest', file: '<stdin>', line: 1, column: 1 }]);
});

test('a stream that fails part way is a problem, not an exception', async () => {
  const failing = new Readable({
    read() {
      this.destroy(new Error('EPIPE: broken pipe'));
    },
  });
  const r = await readStream(failing);
  assert.equal(r.objects.length, 0);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.file, '<stdin>');
  assert.match(r.problems[0]!.message, /broken pipe/);
});
