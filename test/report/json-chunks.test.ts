import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonChunks, jsonDocument, renderJson } from '../../src/report/json.js';
import { bigReport, cleanReport, fixtureReport } from './fixture-report.js';

const whole = (r: Parameters<typeof jsonDocument>[0]) => `${JSON.stringify(jsonDocument(r), null, 2)}\n`;

test('the JSON written in pieces is byte for byte the JSON document', () => {
  for (const report of [fixtureReport(), cleanReport(), bigReport(1234)]) {
    assert.equal(renderJson(report), whole(report));
    const chunks = [...jsonChunks(report)];
    assert.equal(chunks.join(''), whole(report));
  }
});

test('a large report is produced in many small pieces', () => {
  const chunks = [...jsonChunks(bigReport(5000))];
  assert.ok(chunks.length >= 10, `${chunks.length} chunks`);
  assert.ok(Math.max(...chunks.map((c) => c.length)) < whole(bigReport(5000)).length / 5);
});

test('SARIF in pieces is byte for byte the SARIF log, results streamed', async () => {
  const { sarifChunks, renderSarif } = await import('../../src/report/sarif.js');
  for (const report of [fixtureReport(), cleanReport(), bigReport(1234)]) {
    const text = renderSarif(report);
    assert.equal([...sarifChunks(report)].join(''), text);
    // Equal to serialising the parsed log in one go: the pieces are JSON.stringify's own formatting.
    assert.equal(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  }
  assert.ok([...sarifChunks(bigReport(5000))].length >= 10);
});

test('JSON pieces match JSON.stringify with nested and empty arrays at any depth', async () => {
  const { jsonPieces, placeholder } = await import('../../src/report/json-pieces.js');
  const items = Array.from({ length: 1203 }, (_, i) => ({ i, s: `x"${i}\n`, nested: { a: [i, { b: null }] } }));
  const doc = { a: 1, deep: { list: [{ big: placeholder(0) }], empty: placeholder(1) }, z: 'end' };
  const expected = JSON.stringify({ a: 1, deep: { list: [{ big: items }], empty: [] }, z: 'end' }, null, 2);
  assert.equal([...jsonPieces(doc, [{ items, toJson: (x) => x }, { items: [], toJson: (x) => x }], 100)].join(''), expected);
});
