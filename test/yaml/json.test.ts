import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonText } from '../../src/sources/yaml/index.js';

test('JSON values and positions', () => {
  const text = '{\n  "kind": "Pod",\n  "spec": {\n    "containers": [\n      {"name": "a", "ports": [80, 8080.5, -1e2]}\n    ]\n  },\n  "x": [true, false, null, "\\u00e9\\n"]\n}\n';
  const docs = parseJsonText(text);
  assert.equal(docs.length, 1);
  assert.deepEqual(docs[0]!.value, { kind: 'Pod', spec: { containers: [{ name: 'a', ports: [80, 8080.5, -100] }] }, x: [true, false, null, 'é\n'] });
  const at = (p: string) => docs[0]!.positions.locate(p);
  assert.deepEqual(at(''), { line: 1, column: 1 });
  assert.deepEqual(at('/spec/containers/0'), { line: 5, column: 7 });
  assert.deepEqual(at('/spec/containers/0/ports/1'), { line: 5, column: 35 });
  assert.deepEqual(at('/spec/containers/0/missing'), { line: 5, column: 7 });
  assert.deepEqual(at('/x/3'), { line: 8, column: 28 });
});

test('JSON duplicate keys warn and the last wins', () => {
  const docs = parseJsonText('{"a": 1, "a": 2}');
  assert.deepEqual(docs[0]!.value, { a: 2 });
  assert.deepEqual(docs[0]!.warnings.map((w) => [w.code, w.line, w.column]), [['duplicate-key', 1, 10]]);
});

test('JSON with comments or a trailing comma falls back to YAML', () => {
  const docs = parseJsonText('{\n  # a comment\n  "a": [1, 2,],\n}\n');
  assert.equal(docs[0]!.error, undefined);
  assert.deepEqual(docs[0]!.value, { a: [1, 2] });
  assert.deepEqual(docs[0]!.positions.locate('/a/1'), { line: 3, column: 12 });
});

test('a JSON syntax error that is not YAML either reports the JSON error location', () => {
  const docs = parseJsonText('{\n  "a": 1,\n  "b": [1, 2}\n}');
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.value, undefined);
  assert.deepEqual(docs[0]!.error, { message: "invalid JSON: expected ',' or ']'", line: 3, column: 13 });
  const cut = parseJsonText('{"a": "unterminated');
  assert.deepEqual([cut[0]!.error?.line, cut[0]!.error?.column], [1, 7]);
});

test('deep JSON nesting is a document error, not a stack overflow', () => {
  const docs = parseJsonText('['.repeat(100_000) + ']'.repeat(100_000));
  assert.match(docs[0]!.error!.message, /nesting deeper than 1000 levels/);
});
