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
