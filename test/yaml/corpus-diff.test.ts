// Differential test over a sample of the real corpus (test/fixtures/yaml-corpus, see its SOURCE.md):
// every document's value must equal the yaml library's (walked with our resolver, and its own toJS
// where the schemas agree) and every key/item position must equal the yaml library's. See oracle.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { diffText, emptyResult, type DiffResult } from './oracle.js';

const dir = fileURLToPath(new URL('../fixtures/yaml-corpus/manifests/', import.meta.url));

function files(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)]));
}

const corpus = files(dir).map((p) => ({ name: relative(dir, p), text: readFileSync(p, 'utf8') }));

function report(r: DiffResult): string {
  return r.mismatches.slice(0, 10).map((m) => `${m.kind} ${m.file}#${m.document}: ${m.detail}`).join('\n');
}

test('the fixture sample is varied: ~60 files, many documents', () => {
  assert.ok(corpus.length >= 60, `${corpus.length} files`);
  assert.ok(corpus.some((f) => f.name.endsWith('.json')), 'has JSON files');
});

test('corpus sample: values and every position equal the yaml library', () => {
  const r = emptyResult();
  for (const f of corpus) diffText(f.name, f.text, r);
  assert.equal(r.mismatches.length, 0, report(r));
  assert.ok(r.documents >= 100, `${r.documents} documents`);
  assert.ok(r.pointers >= 4000, `${r.pointers} positions`);
});

test('corpus sample with CRLF line endings and a BOM: still identical', () => {
  const r = emptyResult();
  for (const f of corpus) {
    diffText(`${f.name} (CRLF)`, f.text.replace(/\r?\n/g, '\r\n'), r);
    diffText(`${f.name} (BOM)`, `\ufeff${f.text}`, r);
  }
  assert.equal(r.mismatches.length, 0, report(r));
});

test('anchors, merge keys, tags and errors: identical to the yaml library', () => {
  const r = emptyResult();
  const texts = [
    'base: &b\n  image: x\n  ports: [1, 2]\nuse: *b\nmerged:\n  <<: *b\n  image: y\n',
    'a: !!str 1\nb: !!int "2"\nc: !custom 3\n',
    'a: 1\n---\nb: [broken\n---\nc: 3\n',
    'list:\n- &item {name: a}\n- *item\n- <<: *item\n  extra: true\n',
  ];
  texts.forEach((t, i) => diffText(`synthetic-${i}`, t, r));
  assert.equal(r.mismatches.length, 0, report(r));
  assert.equal(r.documents, 6);
});
