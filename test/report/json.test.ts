import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { renderJson } from '../../src/report/json.js';
import { bigReport, cleanReport, fixtureReport } from './fixture-report.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/findings.schema.json', import.meta.url), 'utf8')) as object;

function validator() {
  const ajv = new Ajv2020.default({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

test('JSON output validates against docs/findings.schema.json', () => {
  const validate = validator();
  for (const report of [fixtureReport(), cleanReport(), bigReport(200)]) {
    const doc = JSON.parse(renderJson(report));
    assert.equal(validate(doc), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  }
});

test('the schema rejects documents that break the contract', () => {
  const validate = validator();
  const doc = JSON.parse(renderJson(fixtureReport()));
  doc.findings[0].severity = 'urgent';
  assert.equal(validate(doc), false);
  const doc2 = JSON.parse(renderJson(fixtureReport()));
  delete doc2.findings[1].fingerprint;
  assert.equal(validate(doc2), false);
});

test('top-level and finding keys come in the documented order; checks and objects are left out', () => {
  const doc = JSON.parse(renderJson(fixtureReport()));
  assert.deepEqual(Object.keys(doc), ['schemaVersion', 'tool', 'scannedAt', 'summary', 'findings', 'suppressed', 'warnings']);
  assert.deepEqual(Object.keys(doc.summary.findings), ['critical', 'high', 'medium', 'low', 'info']);
  assert.deepEqual(Object.keys(doc.findings[1]), [
    'checkId', 'severity', 'title', 'message', 'category', 'object', 'location', 'path', 'evidence', 'remediation', 'frameworks', 'fingerprint',
  ]);
  assert.deepEqual(doc.findings[1].object, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' });
  assert.deepEqual(doc.findings[1].location, { file: 'manifests/web app.yaml', line: 21, column: 13, document: 0 });
  assert.deepEqual(doc.findings[2].location.rendered, 'helm');
  // A load problem has no object.
  assert.equal(doc.findings[0].checkId, 'invalid-manifest');
  assert.equal('object' in doc.findings[0], false);
  assert.equal(doc.suppressed.length, 1);
  assert.deepEqual(Object.keys(doc.suppressed[0]), ['finding', 'by', 'reason', 'owner', 'expires']);
});

test('2-space indentation, trailing newline, and only contract fields', () => {
  const report = fixtureReport();
  (report.findings[1] as unknown as Record<string, unknown>).secretValue = 'hunter2';
  const out = renderJson(report);
  assert.ok(out.startsWith('{\n  "schemaVersion": "1.3",\n  "tool": {\n    "name": "kubeward",'));
  assert.ok(out.endsWith('}\n'));
  assert.equal(out.includes('hunter2'), false);
});

test('a clean scan has empty lists and zero counts', () => {
  const doc = JSON.parse(renderJson(cleanReport()));
  assert.deepEqual(doc.findings, []);
  assert.deepEqual(doc.summary.findings, { critical: 0, high: 0, medium: 0, low: 0, info: 0 });
  assert.equal(doc.summary.objects, 6);
});

test('unicode and hostile strings survive a round trip unchanged', () => {
  const report = fixtureReport();
  const doc = JSON.parse(renderJson(report));
  assert.equal(doc.findings[3].object.name, '<script>alert(1)</script>');
  assert.equal(doc.findings[5].object.name, 'café-ünïcødé-日本-🚀');
  assert.equal(doc.findings[4].message, report.findings[4]!.message);
});

test('a report with a compliance section and Pod Security policies validates, in the documented key order', async () => {
  const { frameworkCompliance } = await import('../../src/checks/compliance.js');
  const { findFramework } = await import('../../src/frameworks/catalog.js');
  const { CHECKS } = await import('../../src/checks/index.js');
  const { Inventory } = await import('../../src/model/inventory.js');
  const report = fixtureReport();
  report.findings[0]!.pss = { policies: ['enforce=restricted:v1.29'] };
  report.compliance = [frameworkCompliance(findFramework('cis')!, { inventory: new Inventory([]), allChecks: CHECKS, ran: CHECKS, findings: report.findings, inputs: ['manifests'] })];
  const doc = JSON.parse(renderJson(report));
  const validate = validator();
  assert.equal(validate(doc), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  assert.deepEqual(Object.keys(doc).slice(-1), ['compliance']);
  assert.deepEqual(doc.findings[0].pss, { policies: ['enforce=restricted:v1.29'] });
  assert.equal(doc.compliance[0].framework, 'cis');
});

test('summary.byCheck (1.2): per check its severity, findings and objects, validated by the schema', () => {
  const report = fixtureReport();
  report.summary.byCheck = [
    { check: 'privileged-container', severity: 'critical', findings: 2, objects: 1 },
    { check: 'run-as-non-root', severity: 'medium', findings: 3, objects: 3 },
  ];
  const doc = JSON.parse(renderJson(report));
  assert.deepEqual(doc.summary.byCheck, report.summary.byCheck);
  assert.equal(validator()(doc), true);
  // A report built without it still says so, with an empty list.
  assert.deepEqual(JSON.parse(renderJson(cleanReport())).summary.byCheck, []);
});
