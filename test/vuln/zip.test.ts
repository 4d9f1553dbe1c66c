import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { openZip, ZipError, type ZipEntry } from '../../src/vuln/db/zip.js';

const text = (e: ZipEntry) => ('data' in e ? e.data.toString('utf8') : `error: ${e.error.message}`);

/** Overwrite the first bytes of an entry's compressed data (found through its local header). */
function damage(zip: Uint8Array, name: string): void {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = b.indexOf('PK\x03\x04', 0, 'latin1'); at >= 0; at = b.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    const nameLength = b.readUInt16LE(at + 26);
    if (b.toString('utf8', at + 30, at + 30 + nameLength) !== name) continue;
    const data = at + 30 + nameLength + b.readUInt16LE(at + 28);
    for (let i = data; i < data + 12; i++) zip[i] = 0xff;
    return;
  }
  throw new Error(`no entry ${name}`);
}

test('every wanted entry in archive order, directories and unwanted entries left out, stored and deflated alike', () => {
  const zip = zipSync({
    'a/': new Uint8Array(),
    'a/one.json': strToU8('{"n": 1}'),
    'a/stored.json': [strToU8('{"stored": true}'), { level: 0 }],
    'LICENSE': strToU8('text'),
    'b/two.json': strToU8(`{"n": 2, "pad": "${'x'.repeat(5000)}"}`),
  });
  const got = [...openZip(zip).entries((n) => n.endsWith('.json'))];
  assert.deepEqual(got.map((e) => e.name), ['a/one.json', 'a/stored.json', 'b/two.json']);
  assert.equal(text(got[1]!), '{"stored": true}');
  assert.equal(JSON.parse(text(got[2]!)).n, 2);
});

test('one damaged entry among many is reported alone; the entries before and after it are read', () => {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 40; i++) files[`f${String(i).padStart(2, '0')}.json`] = strToU8(`{"i": ${i}, "pad": "${'y'.repeat(2000)}"}`);
  const zip = zipSync(files);
  damage(zip, 'f23.json');
  const got = [...openZip(zip).entries(() => true)];
  assert.equal(got.length, 40);
  assert.deepEqual(got.map((e) => e.name), Object.keys(files));
  const bad = got.filter((e) => 'error' in e);
  assert.deepEqual(bad.map((e) => e.name), ['f23.json']);
  assert.match(text(bad[0]!), /^error: corrupt deflate data: /);
  assert.equal(JSON.parse(text(got[39]!)).i, 39);
});

test('not a zip, or cut short: ZipError when opened', () => {
  assert.throws(() => openZip(strToU8('PK\u0003\u0004 this is not really a zip')), ZipError);
  const zip = zipSync({ 'a.json': strToU8('{}'), 'b.json': strToU8('{}') });
  assert.throws(() => openZip(zip.subarray(0, zip.length >> 1)), /not a zip file, or truncated/);
});
