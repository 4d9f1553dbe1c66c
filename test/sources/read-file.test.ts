import assert from 'node:assert/strict';
import { mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_FILE_BYTES, readManifestFile } from '../../src/sources/read-file.js';
import { fixtures } from './tools.js';

const enc = (name: string) => join(fixtures, 'encodings', name);

test('a binary file is one problem at 1:1 and no objects', async () => {
  const r = await readManifestFile(enc('binary.yaml'));
  assert.deepEqual(r.objects, []);
  assert.deepEqual(r.problems, [{ code: 'invalid-manifest', message: 'binary file, not a manifest', file: enc('binary.yaml'), line: 1, column: 1 }]);
});

test('a Latin-1 file is reported at its first non-UTF-8 byte and its object still loads', async () => {
  const r = await readManifestFile(enc('latin1.yaml'));
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0]!.file, enc('latin1.yaml'));
  assert.equal(r.problems[0]!.line, 4);
  assert.equal(r.problems[0]!.column, 12);
  assert.match(r.problems[0]!.message, /not valid UTF-8/);
  assert.equal(r.objects.length, 1);
  assert.equal(r.objects[0]!.name, 'caf\uFFFD');
  assert.equal(r.objects[0]!.kind, 'ConfigMap');
});

test('UTF-16 LE and BE files with a byte order mark load cleanly', async () => {
  const le = await readManifestFile(enc('utf16le.yaml'));
  assert.deepEqual(le.problems, []);
  assert.deepEqual(le.objects.map((o) => o.name), ['utf16-le']);
  const be = await readManifestFile(enc('utf16be.yaml'));
  assert.deepEqual(be.problems, []);
  assert.deepEqual(be.objects.map((o) => o.name), ['utf16-be']);
  assert.equal(be.objects[0]!.source.positions.locate('/metadata/name').line, 4);
});

test('a UTF-8 byte order mark does not shift positions or names', async () => {
  const r = await readManifestFile(enc('utf8-bom.yaml'));
  assert.deepEqual(r.problems, []);
  assert.equal(r.objects[0]!.apiVersion, 'v1');
  assert.deepEqual(r.objects[0]!.source.positions.locate('/kind'), { line: 2, column: 1 });
});

test('an empty file gives no objects and no problem', async () => {
  const r = await readManifestFile(enc('empty.yaml'));
  assert.deepEqual(r, { objects: [], problems: [], documents: 0 });
});

test('a .json file is read as JSON with positions', async () => {
  const file = join(fixtures, 'tree', 'app', 'config.json');
  const r = await readManifestFile(file);
  assert.deepEqual(r.problems, []);
  assert.equal(r.objects[0]!.name, 'app-config');
  assert.equal(r.objects[0]!.source.file, file);
  assert.equal(r.objects[0]!.source.positions.locate('/data/mode').line, 5);
});

test('a missing file is a problem, not an exception', async () => {
  const r = await readManifestFile('no/such/file.yaml');
  assert.deepEqual(r.problems, [{ code: 'invalid-manifest', message: 'no such file or directory', file: 'no/such/file.yaml', line: 1, column: 1 }]);
});

test('a file over 256 MiB is reported and not read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-big-'));
  const file = join(dir, 'big.yaml');
  await writeFile(file, 'kind: x\n');
  const fh = await open(file, 'r+');
  await fh.truncate(MAX_FILE_BYTES + 1); // sparse: no 256 MiB written
  await fh.close();
  const r = await readManifestFile(file);
  assert.equal(r.objects.length, 0);
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /over the 256 MiB limit: not read/);
});
