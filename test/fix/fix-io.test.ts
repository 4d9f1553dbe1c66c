// The write half of `fix`: a file edited between reading and writing is not overwritten.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readForFix, writeFixedFile } from '../../src/fix/fix-io.js';

function readOne(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kw-fix-io-'));
  const path = join(dir, 'a.yaml');
  writeFileSync(path, text);
  const notes: string[] = [];
  const f = readForFix(path, [dir], new Map(), notes);
  assert.ok(f, notes.join('; '));
  return { dir, path, f };
}

test('a file whose content changed since it was read is not overwritten (same size, mtime put back)', () => {
  const { dir, path, f } = readOne('kind: Pod # aaaa\n');
  writeFileSync(path, 'kind: Pod # bbbb\n');
  utimesSync(path, new Date(f.snapshot.mtimeMs), new Date(f.snapshot.mtimeMs));
  const why = writeFixedFile(f.snapshot, Buffer.from('kind: Pod # fixed\n'));
  assert.match(why ?? '', /changed since it was read; not overwritten/);
  assert.equal(readFileSync(path, 'utf8'), 'kind: Pod # bbbb\n');
  assert.deepEqual(readdirSync(dir), ['a.yaml'], 'no temporary file left');
});

test('a file that grew since it was read is not overwritten; an unchanged one is', () => {
  const { path, f } = readOne('kind: Pod\n');
  writeFileSync(path, 'kind: Pod\n# an edit made during the run\n');
  assert.match(writeFixedFile(f.snapshot, Buffer.from('x\n')) ?? '', /changed since it was read/);
  const again = readOne('kind: Pod\n');
  assert.equal(writeFixedFile(again.f.snapshot, Buffer.from('kind: Pod # fixed\n')), undefined);
  assert.equal(readFileSync(again.path, 'utf8'), 'kind: Pod # fixed\n');
});
