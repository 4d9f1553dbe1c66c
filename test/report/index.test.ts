import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { FORMAT_NAMES, FORMATS, isFormatName } from '../../src/report/index.js';
import { emptySeverityCounts, type Report } from '../../src/report/report.js';
import { fixtureReport } from './fixture-report.js';

test('FORMATS has a renderer for every format name', () => {
  assert.deepEqual(FORMAT_NAMES, ['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'policyreport']);
  assert.deepEqual(Object.keys(FORMATS).sort(), [...FORMAT_NAMES].sort());
  assert.equal(isFormatName('sarif'), true);
  assert.equal(isFormatName('xml'), false);
});

test('every format renders an empty report and odd values without throwing', () => {
  const empty: Report = {
    ...fixtureReport(),
    scannedAt: 'not a date',
    summary: { files: 0, objects: 0, findings: emptySeverityCounts(), suppressed: 0 },
    findings: [],
    suppressed: [],
    checks: [],
    objects: [],
    warnings: [],
  };
  const odd = fixtureReport();
  odd.scannedAt = 'garbage';
  odd.findings[0]!.location = { file: '', line: 0, column: -1 };
  odd.findings[1]!.message = '';
  for (const name of FORMAT_NAMES) {
    for (const report of [empty, odd]) {
      const out = FORMATS[name](report);
      assert.equal(typeof out, 'string', name);
      assert.ok(out.length > 0, name);
    }
  }
  assert.equal((JSON.parse(FORMATS.sarif(empty)) as { runs: { results: unknown[] }[] }).runs[0]!.results.length, 0);
  const docs = parseAllDocuments(FORMATS.policyreport(empty));
  assert.ok(Array.isArray(docs));
  assert.equal(docs.length, 1);
  assert.equal(docs[0]!.toJS().kind, 'ClusterPolicyReport');
});

test('secret-looking extra fields on findings never reach any output', () => {
  const report = fixtureReport();
  (report.findings[1] as unknown as Record<string, unknown>).rawValue = 'TOPSECRET-value';
  (report.findings[1]!.object as unknown as Record<string, unknown>).data = { password: 'TOPSECRET-value' };
  for (const name of FORMAT_NAMES) assert.equal(FORMATS[name](report).includes('TOPSECRET'), false, name);
});
