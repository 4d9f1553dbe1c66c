import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBytes, firstInvalidUtf8 } from '../../src/sources/decode.js';

test('clean UTF-8 decodes without problems', () => {
  const r = decodeBytes(Buffer.from('kind: ConfigMap # ünïcödé ✓\n'), 'a.yaml');
  assert.equal(r.text, 'kind: ConfigMap # ünïcödé ✓\n');
  assert.deepEqual(r.problems, []);
});

test('a UTF-8 byte order mark is dropped', () => {
  const r = decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31]), 'a.yaml');
  assert.equal(r.text, 'a: 1');
  assert.deepEqual(r.problems, []);
});

test('UTF-16 LE and BE with a byte order mark are decoded', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: Pod\n', 'utf16le')]);
  assert.equal(decodeBytes(le, 'le.yaml').text, 'kind: Pod\n');
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('kind: Pod\n', 'utf16le').swap16()]);
  assert.equal(decodeBytes(be, 'be.yaml').text, 'kind: Pod\n');
  assert.deepEqual(decodeBytes(be, 'be.yaml').problems, []);
});

test('an odd byte at the end of UTF-16 is reported', () => {
  const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]);
  const r = decodeBytes(odd, 'odd.yaml');
  assert.equal(r.text, 'ab');
  assert.equal(r.problems.length, 1);
  assert.match(r.problems[0]!.message, /odd number of bytes/);
});

test('NUL bytes in the first 8 KiB make a binary file: a problem and no text', () => {
  const r = decodeBytes(Buffer.from([0x61, 0x00, 0x62]), 'bin.yaml');
  assert.equal(r.text, undefined);
  assert.deepEqual(r.problems, [{ code: 'invalid-manifest', message: 'binary file, not a manifest', file: 'bin.yaml', line: 1, column: 1 }]);
});

test('a NUL byte past the first 8 KiB is not a binary marker', () => {
  const b = Buffer.alloc(9000, 0x20);
  b[8999] = 0;
  const r = decodeBytes(b, 'late.yaml');
  assert.notEqual(r.text, undefined);
  assert.deepEqual(r.problems, []);
});

test('invalid UTF-8 is a problem at the first bad byte and the text is still decoded', () => {
  const r = decodeBytes(Buffer.from([...Buffer.from('a: 1\nname: caf'), 0xe9, ...Buffer.from('\n')]), 'l1.yaml');
  assert.equal(r.text, 'a: 1\nname: caf\uFFFD\n');
  assert.equal(r.problems.length, 1);
  const p = r.problems[0]!;
  assert.equal(p.code, 'invalid-manifest');
  assert.equal(p.file, 'l1.yaml');
  assert.equal(p.line, 2);
  assert.equal(p.column, 10);
  assert.match(p.message, /^file is not valid UTF-8 \(byte 0xE9 at line 2, column 10/);
});

test('the column of a bad byte counts characters, not bytes', () => {
  const r = decodeBytes(Buffer.from([...Buffer.from('é✓'), 0xff]), 'c.yaml');
  assert.equal(r.problems[0]!.line, 1);
  assert.equal(r.problems[0]!.column, 3);
});

test('firstInvalidUtf8 finds overlongs, surrogates, truncation and out-of-range code points', () => {
  assert.equal(firstInvalidUtf8(Buffer.from('ok ✓ 😀')), -1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80])), 1); // overlong NUL
  assert.equal(firstInvalidUtf8(Buffer.from([0xe0, 0x80, 0x80])), 0); // overlong 3-byte
  assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0); // surrogate
  assert.equal(firstInvalidUtf8(Buffer.from([0x41, 0x42, 0xe2, 0x9c])), 2); // truncated
  assert.equal(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80])), 0); // > U+10FFFF
  assert.equal(firstInvalidUtf8(Buffer.from([0x80])), 0); // lone continuation
});
