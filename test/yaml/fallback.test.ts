import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathStats } from '../../src/sources/yaml/document.js';
import { parseYamlStream } from '../../src/sources/yaml/index.js';

/** Parse one document that must take the yaml-library path. */
const slow = (text: string) => {
  const before = pathStats.fallback;
  const docs = parseYamlStream(text);
  assert.equal(pathStats.fallback, before + docs.length, 'took the yaml-library path');
  assert.equal(docs[0]!.error, undefined, docs[0]!.error?.message);
  return docs[0]!;
};

test('anchors and aliases: copies with the positions of the anchored node', () => {
  const doc = slow('base: &b\n  image: x\n  ports: [1]\nother: *b\n');
  assert.deepEqual(doc.value, { base: { image: 'x', ports: [1] }, other: { image: 'x', ports: [1] } });
  const v = doc.value as { base: object; other: object };
  assert.notEqual(v.base, v.other, 'aliases are copies, not shared objects');
  assert.deepEqual(doc.positions.locate('/other'), { line: 4, column: 1 });
  assert.deepEqual(doc.positions.locate('/other/image'), { line: 2, column: 3 });
});

test('merge keys: explicit keys win, earlier merge sources win', () => {
  const doc = slow('a: &a {x: 1, y2: 1}\nb: &b {x: 2, z: 2}\nc:\n  x: 0\n  <<: [*a, *b]\n  w: 3\n');
  assert.deepEqual((doc.value as Record<string, unknown>).c, { x: 0, y2: 1, z: 2, w: 3 });
  assert.deepEqual(doc.positions.locate('/c/x'), { line: 4, column: 3 });
  assert.deepEqual(doc.positions.locate('/c/z'), { line: 2, column: 14 });
  const single = slow('d: &d {k: v}\ne:\n  <<: *d\n  k: own\n');
  assert.deepEqual((single.value as Record<string, unknown>).e, { k: 'own' });
});

test('tags, complex keys and same scalar resolution as the fast path', () => {
  const doc = slow('a: !!str 0755\nb: !custom 0755\n? [x, z]\n: complex\nc: yes\n');
  assert.deepEqual(doc.value, { a: '0755', b: '0755', '["x","z"]': 'complex', c: true });
  assert.deepEqual(doc.positions.locate('/c'), { line: 5, column: 1 });
});

test('an alias to the node that contains it is an error, not a hang', () => {
  const docs = parseYamlStream('a: &a [1, *a]\n');
  assert.equal(docs[0]!.value, undefined);
  assert.ok(docs[0]!.error);
});

test('errors from the yaml library carry line and column', () => {
  const docs = parseYamlStream('a: 1\nb: "unclosed\n');
  assert.equal(docs[0]!.value, undefined);
  // the yaml library reports an unclosed quote where the input ends
  assert.deepEqual(docs[0]!.error, { message: 'Missing closing "quote', line: 3, column: 1 });
});
