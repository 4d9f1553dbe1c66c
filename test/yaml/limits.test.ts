import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlStream } from '../../src/sources/yaml/index.js';

const BILLION_LAUGHS = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

test('the billion-laughs alias bomb fails fast with a document error', () => {
  const docs = parseYamlStream(`ok: 1\n---\n${BILLION_LAUGHS}---\nafter: 2\n`);
  assert.equal(docs.length, 3);
  assert.equal(docs[1]!.value, undefined);
  assert.equal(docs[1]!.error?.message, 'YAML alias expansion exceeds 100000 nodes (possible alias bomb)');
  assert.deepEqual(docs[2]!.value, { after: 2 });
});

test('the alias limit is configurable and small alias use is fine', () => {
  const text = 'base: &b {x: 1, z: [1, 2]}\nuse: *b\n';
  assert.deepEqual(parseYamlStream(text)[0]!.value, { base: { x: 1, z: [1, 2] }, use: { x: 1, z: [1, 2] } });
  assert.match(parseYamlStream(text, { maxAliasNodes: 3 })[0]!.error!.message, /exceeds 3 nodes/);
});

test('100-level nesting parses; past maxDepth is a document error', () => {
  const flow = '['.repeat(100) + ']'.repeat(100);
  assert.equal(parseYamlStream(`a: ${flow}\n`)[0]!.error, undefined);
  let block = '';
  for (let i = 0; i < 100; i++) block += `${' '.repeat(i * 2)}k${i}:\n`;
  const doc = parseYamlStream(block + `${' '.repeat(200)}leaf: 1\n`)[0]!;
  assert.equal(doc.error, undefined);
  assert.deepEqual(doc.positions.locate('/k0/k1/k2'), { line: 3, column: 5 });
  assert.match(parseYamlStream(`a: ${flow}\n`, { maxDepth: 50 })[0]!.error!.message, /nesting deeper than 50/);
});

test('100,000 levels of [ and of indentation neither overflow the stack nor crash', () => {
  const deepFlow = parseYamlStream('['.repeat(100_000) + ']'.repeat(100_000));
  assert.match(deepFlow[0]!.error!.message, /nesting deeper than 1000 levels/);
  const deepAnchor = parseYamlStream('a: &x ' + '['.repeat(100_000) + ']'.repeat(100_000)); // forces the yaml-library path
  assert.match(deepAnchor[0]!.error!.message, /nesting deeper than 1000 levels/);
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) lines.push(`${' '.repeat(i)}k:`);
  assert.match(parseYamlStream(lines.join('\n'))[0]!.error!.message, /nesting deeper than 1000 levels/);
  const seqs = parseYamlStream('- '.repeat(5000) + 'x');
  assert.match(seqs[0]!.error!.message, /nesting deeper/);
});

// Parse speed on big inputs is measured in bench/ (scan.bench.ts), not asserted here.
test('a 5 MB document parses, with positions to its last item', () => {
  const item = (i: number) => `  - name: container-${i}\n    image: "registry.example.com/app:${i}"\n    args: [--port, "${i}", --verbose]\n    env:\n      - name: A\n        value: |\n          line one\n          line two\n`;
  const parts = ['items:\n'];
  let size = 0;
  let n = 0;
  while (size < 5 * 1024 * 1024) {
    const s = item(n++);
    parts.push(s);
    size += s.length;
  }
  const text = parts.join('');
  const docs = parseYamlStream(text);
  assert.equal(docs[0]!.error, undefined);
  const items = (docs[0]!.value as { items: unknown[] }).items;
  assert.equal(items.length, n);
  assert.deepEqual(docs[0]!.positions.locate(`/items/${n - 1}/args/1`), { line: 1 + (n - 1) * 8 + 3, column: 20 });
});
