import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathStats } from '../../src/sources/yaml/document.js';
import { parseYamlStream } from '../../src/sources/yaml/index.js';

const one = (text: string) => {
  const docs = parseYamlStream(text);
  assert.equal(docs.length, 1, 'one document');
  assert.equal(docs[0]!.error, undefined, `no error: ${docs[0]!.error?.message}`);
  return docs[0]!;
};
const at = (text: string, pointer: string) => {
  const p = one(text).positions.locate(pointer);
  return [p.line, p.column];
};
/** Parse on the fast path only (fails if the document fell back to the yaml library). */
const fast = (text: string) => {
  const before = pathStats.fallback;
  const doc = one(text);
  assert.equal(pathStats.fallback, before, `fast path (bailed: ${pathStats.lastBail})`);
  return doc.value;
};

test('block scalars: literal, folded, chomping, indentation indicators', () => {
  assert.deepEqual(fast('a: |\n  x\n   y\n\n  z\n'), { a: 'x\n y\n\nz\n' });
  assert.deepEqual(fast('a: |-\n  x\n\n'), { a: 'x' });
  assert.deepEqual(fast('a: |+\n  x\n\n'), { a: 'x\n\n' });
  assert.deepEqual(fast('a: >\n  foo\n  bar\n\n  baz\n   x\n  y\n'), { a: 'foo bar\nbaz\n x\ny\n' });
  assert.deepEqual(fast('a: >-\n  one\n  two\n'), { a: 'one two' });
  assert.deepEqual(fast('- |2\n   x\n'), [' x\n']);
  assert.deepEqual(fast('a:\n  - |1-\n    x\n'), { a: [' x'] });
  assert.deepEqual(fast('a: |\n  foo'), { a: 'foo\n' });
  assert.deepEqual(fast('a: | # comment\n  x\nb: 1\n'), { a: 'x\n', b: 1 });
  assert.deepEqual(fast('a: |\nb: 1\n'), { a: '', b: 1 });
});

test('flow collections: empty, nested, multi-line, trailing comma, JSON-style keys', () => {
  assert.deepEqual(fast('a: []\nb: {}\n'), { a: [], b: {} });
  assert.deepEqual(fast('a: [1, "two", [3, {b: c}]]\n'), { a: [1, 'two', [3, { b: 'c' }]] });
  assert.deepEqual(fast('a: {"x":1, w: [a, b,], z}\n'), { a: { x: 1, w: ['a', 'b'], z: null } });
  assert.deepEqual(fast('args: [\n    "-a", "/x",   # c\n    "-b",\n  ]\n'), { args: ['-a', '/x', '-b'] });
  assert.deepEqual(fast('a: [http://x:80/y, a:b]\n'), { a: ['http://x:80/y', 'a:b'] });
});

test('quoted scalars: escapes and multi-line folding', () => {
  assert.deepEqual(fast('a: "t\\tn\\n q\\" b\\\\ u\\u00e9 x\\x41 U\\U0001F600 s\\/"\n'), { a: 't\tn\n q" b\\ u\u00e9 xA U\u{1F600} s/' });
  assert.deepEqual(fast("a: 'it''s # not a comment'\n"), { a: "it's # not a comment" });
  assert.deepEqual(fast('a: "one\n  two\n\n  three"\n'), { a: 'one two\nthree' });
  assert.deepEqual(fast('a: "x\\\n   y"\n'), { a: 'xy' });
  assert.deepEqual(fast("'k': 1\n\"q\" : 2\n"), { k: 1, q: 2 });
});

test('plain scalars: comments, multi-line folding, colons inside', () => {
  assert.deepEqual(fast('a: x # c\nb: url://h:1/p#frag\n'), { a: 'x', b: 'url://h:1/p#frag' });
  assert.deepEqual(fast('a: one\n  two\n\n  three\n'), { a: 'one two\nthree' });
  assert.deepEqual(fast('- a\n  - b\n'), ['a - b']);
});

test('sequences of maps, compact maps, sequences at their key indentation', () => {
  assert.deepEqual(fast('a:\n- x: 1\n  w: 2\n- - 3\n  - 4\n-\n- # c\n  z\nb: 5\n'), { a: [{ x: 1, w: 2 }, [3, 4], null, 'z'], b: 5 });
});

test('positions in nested sequences of maps', () => {
  const text = 'spec:\n  containers:\n  - name: a\n    image: x\n  - name: b\n    securityContext:\n      privileged: true\n    ports: [80, 443]\n';
  assert.deepEqual(at(text, ''), [1, 1]);
  assert.deepEqual(at(text, '/spec'), [1, 1]);
  assert.deepEqual(at(text, '/spec/containers'), [2, 3]);
  assert.deepEqual(at(text, '/spec/containers/0'), [3, 5]);
  assert.deepEqual(at(text, '/spec/containers/1/name'), [5, 5]);
  assert.deepEqual(at(text, '/spec/containers/1/securityContext/privileged'), [7, 7]);
  assert.deepEqual(at(text, '/spec/containers/1/ports/1'), [8, 17]);
});

test('locate of a missing path gives the nearest existing ancestor', () => {
  const text = 'a:\n  b:\n    - c: 1\n';
  assert.deepEqual(at(text, '/a/b/0/missing/deeper'), [3, 7]);
  assert.deepEqual(at(text, '/a/b/7'), [2, 3]);
  assert.deepEqual(at(text, '/a/b/01'), [2, 3]);
  assert.deepEqual(at(text, '/nope'), [1, 1]);
  assert.deepEqual(at('x~y: {a/b: 1}\n', '/x~0y/a~1b'), [1, 7]);
});

test('CRLF line endings: values and positions', () => {
  const text = 'a: 1\r\nb:\r\n  - x\r\n  - |\r\n    l1\r\n    l2\r\nc: "q\r\n  r"\r\n';
  assert.deepEqual(fast(text), { a: 1, b: ['x', 'l1\nl2\n'], c: 'q r' });
  assert.deepEqual(at(text, '/b/1'), [4, 5]);
  assert.deepEqual(at(text, '/c'), [7, 1]);
});

test('a BOM at the start is ignored and columns start at 1', () => {
  const doc = one('\ufeffa: 1\n');
  assert.deepEqual(doc.value, { a: 1 });
  assert.deepEqual(doc.positions.locate('/a'), { line: 1, column: 1 });
});

test('duplicate keys: the last one wins, with a warning at the second occurrence', () => {
  const doc = one('a: 1\nb:\n  c: 2\na: 3\n');
  assert.deepEqual(doc.value, { a: 3, b: { c: 2 } });
  assert.deepEqual(doc.warnings, [{ code: 'duplicate-key', message: 'duplicate key "a": the last value is used', line: 4, column: 1 }]);
  assert.deepEqual(doc.positions.locate('/a'), { line: 4, column: 1 });
});

test('a __proto__ key is an own property, not a prototype', () => {
  const v = fast('__proto__:\n  polluted: yes\n') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('tabs as indentation are an error with their location', () => {
  const docs = parseYamlStream('a:\n\tb: 1\n');
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.value, undefined);
  assert.equal(docs[0]!.error?.line, 2);
  assert.match(docs[0]!.error!.message, /tab/i);
  // a tab after the indentation (as separation) is fine
  assert.deepEqual(one('a:\t1\nb: [1,\t2]\n').value, { a: 1, b: [1, 2] });
});

test('documents: markers, directives, empty documents, comments only', () => {
  assert.deepEqual(parseYamlStream(''), []);
  assert.deepEqual(parseYamlStream('# only\n# comments\n'), []);
  const docs = parseYamlStream('# head\n%YAML 1.1\n---\na: 1\n...\n---\n---\nb: 2\n---\n');
  assert.deepEqual(docs.map((d) => d.value), [{ a: 1 }, undefined, { b: 2 }, undefined]);
  assert.deepEqual(docs.map((d) => d.startLine), [3, 6, 7, 9]);
  assert.deepEqual(docs.map((d) => d.index), [0, 1, 2, 3]);
  assert.deepEqual(parseYamlStream('--- # c\na: 1\n')[0]!.value, { a: 1 });
});

test('a broken document in the middle: the others still parse', () => {
  const docs = parseYamlStream('a: 1\n---\nb: [unclosed\nc: 2\n---\nd: 4\n');
  assert.equal(docs.length, 3);
  assert.deepEqual(docs[0]!.value, { a: 1 });
  assert.equal(docs[1]!.value, undefined);
  assert.equal(docs[1]!.error?.line, 4); // where the yaml library notices the unclosed '['
  assert.deepEqual(docs[2]!.value, { d: 4 });
  assert.deepEqual(docs[2]!.positions.locate('/d'), { line: 6, column: 1 });
});
