// Secret detection stops at its limits (1 MiB of text, 20,000 JSON values) and says so instead of finding nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanJson, scanValue } from '../../../src/model/secrets/index.js';

test('a value past 1 MiB carries a scan-limit hit after whatever was found before the limit', () => {
  const early = `token=ghp_MV3qPXi6Tv11fAe1XSC3krBmzXuLJNAcIUcN\n${'# pad\n'.repeat(200_000)}`;
  const hits = scanValue(early, 'app.properties');
  assert.deepEqual(hits.map((h) => h.rule), ['github-token', 'scan-limit']);
  assert.match(hits[1]!.hint, /^only the first 1\.0 MiB of 1\.1 MiB was scanned$/);
  assert.deepEqual(scanValue('# pad\n'.repeat(1000), 'app.properties'), []);
});

test('an embedded JSON document past 20,000 values says it was not scanned whole', () => {
  const big = { items: Array.from({ length: 25_000 }, (_, i) => `value-${i}`) };
  const hits = scanJson(big);
  assert.deepEqual(hits.map((h) => `${h.pointer} ${h.hit.rule} ${h.hit.hint}`), [' scan-limit only the first 20000 values were scanned']);
});
