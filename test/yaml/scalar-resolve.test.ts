import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYamlStream } from '../../src/sources/yaml/index.js';
import { keyString, resolvePlain, resolveTagged } from '../../src/sources/yaml/scalar-resolve.js';

const cases: [string, unknown][] = [
  // null
  ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
  // booleans (YAML 1.1 as go-yaml v2)
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, unknown] => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, unknown] => [s, false]),
  ['yES', 'yES'], ['tRUE', 'tRUE'],
  // integers
  ['0', 0], ['42', 42], ['-17', -17], ['+5', 5], ['1_000', 1000], ['0x1F', 31], ['-0x10', -16], ['0o17', 15],
  ['0755', 493], ['0b101', 5], ['-0b11', -3], ['08', 8], ['09.5', 9.5], ['-0', 0],
  ['9223372036854775807', 9223372036854775807], ['18446744073709551615', 18446744073709551615],
  ['0x', '0x'], ['0b2', '0b2'], ['0xFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFF'],
  // floats
  ['1.5', 1.5], ['-1.5', -1.5], ['.5', 0.5], ['1.', 1], ['1e3', 1000], ['6.02E+23', 6.02e23], ['+.5', 0.5], ['-.5', -0.5],
  ['.inf', Infinity], ['.Inf', Infinity], ['+.INF', Infinity], ['-.inf', -Infinity], ['.nan', NaN], ['.NaN', NaN], ['.NAN', NaN],
  ['1e400', '1e400'], ['.', '.'], ['1e', '1e'],
  // strings
  ['1.2.3', '1.2.3'], ['0.0.0.0/0', '0.0.0.0/0'], ['2001-12-14', '2001-12-14'], ['2025-02-24T17:51:10Z', '2025-02-24T17:51:10Z'],
  ['12:30:45', '12:30:45'], ['nginx:1.25', 'nginx:1.25'], ['-', '-'], ['+', '+'], ['abc', 'abc'], ['<<', '<<'],
];

test('plain scalars resolve as go-yaml v2 (sigs.k8s.io/yaml) does', () => {
  for (const [input, expected] of cases) assert.deepEqual(resolvePlain(input), expected, `plain ${JSON.stringify(input)}`);
});

test('the empty plain scalar is null', () => {
  assert.equal(resolvePlain(''), null);
  assert.deepEqual(parseYamlStream('a:\nb: ""\n')[0]!.value, { a: null, b: '' });
});

test('quoted and block scalars are always strings', () => {
  const doc = parseYamlStream('a: "true"\nb: \'1\'\nc: |\n  yes\nd: >-\n  0755\n')[0]!;
  assert.deepEqual(doc.value, { a: 'true', b: '1', c: 'yes\n', d: '0755' });
});

test('map keys become strings as JSON would', () => {
  const doc = parseYamlStream('true: a\n1: b\nnull: c\n0x10: d\non: e\n1.0: f\n~: g\n')[0]!;
  assert.deepEqual(doc.value, { true: 'e', 1: 'f', null: 'g', 16: 'd' });
  assert.equal(keyString(NaN), '.nan');
  assert.equal(keyString(-Infinity), '-.inf');
});

test('standard tags coerce; unknown tags keep the text as a string (go-yaml v2 resolve)', () => {
  assert.deepEqual(resolveTagged('tag:yaml.org,2002:str', '123', true), { value: '123', ok: true });
  assert.deepEqual(resolveTagged('tag:yaml.org,2002:int', '1', false), { value: 1, ok: true });
  assert.deepEqual(resolveTagged('tag:yaml.org,2002:int', 'abc', false), { value: 'abc', ok: false });
  assert.deepEqual(resolveTagged('!custom', '12', true), { value: '12', ok: true });
  const doc = parseYamlStream('a: !!str 123\nb: !!int "7"\nc: !foo yes\nd: !!float "2"\ne: !!bool "on"\n')[0]!;
  assert.deepEqual(doc.value, { a: '123', b: 7, c: 'yes', d: 2, e: true });
});

test('a tag that does not fit its value keeps the string and warns', () => {
  const doc = parseYamlStream('a: !!int "abc"\n')[0]!;
  assert.deepEqual(doc.value, { a: 'abc' });
  assert.equal(doc.warnings[0]?.code, 'tag-mismatch');
  assert.deepEqual([doc.warnings[0]?.line, doc.warnings[0]?.column], [1, 10]);
});
