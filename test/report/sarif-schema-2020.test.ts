// SARIF output against a second copy of the SARIF 2.1.0 schema: the one the SARIF SDK ships with its
// validator (@microsoft/sarif-multitool 5.7.0, JSON Schema draft 2020-12). See test/fixtures/sarif/SOURCE.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { renderSarif } from '../../src/report/sarif.js';
import { bigReport, cleanReport, fixtureReport } from './fixture-report.js';

function validator() {
  const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-2.1.0.json', import.meta.url), 'utf8')) as object;
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

test('SARIF output is valid against the SARIF SDK\'s 2.1.0 schema (draft 2020-12)', () => {
  const validate = validator();
  for (const report of [fixtureReport(), cleanReport(), bigReport(300)]) {
    assert.equal(validate(JSON.parse(renderSarif(report))), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  }
  const broken = JSON.parse(renderSarif(fixtureReport())) as { runs: { results: { level: string }[] }[] };
  broken.runs[0]!.results[0]!.level = 'severe';
  assert.equal(validate(broken), false, 'the schema does reject a bad level');
});
