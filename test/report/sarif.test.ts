import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { artifactUri } from '../../src/report/artifact-uri.js';
import { renderSarif } from '../../src/report/sarif.js';
import { bigReport, cleanReport, fixtureReport } from './fixture-report.js';

const schemaPath = new URL('../fixtures/sarif/sarif-2.1.0-rtm.5.json', import.meta.url);

function sarifValidator() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // Draft-04 schema: ajv 8 validates it with its default dialect once the draft-04 meta keywords go.
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv.default({ strict: false, allErrors: true, validateSchema: false, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const render = (r = fixtureReport()) => JSON.parse(renderSarif(r)) as Log;

test('SARIF output is valid against the SARIF 2.1.0 schema (findings, clean, big)', () => {
  const validate = sarifValidator();
  for (const report of [fixtureReport(), cleanReport(), bigReport(500)]) {
    const ok = validate(JSON.parse(renderSarif(report)));
    assert.equal(ok, true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  }
});

test('the schema validator does reject a broken log (the validation is real)', () => {
  const validate = sarifValidator();
  const log = render() as unknown as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
  log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
  assert.equal(validate(log), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
});

test('one rule per check, including check ids only seen in findings, with GitHub severity properties', () => {
  const report = fixtureReport();
  const driver = render(report).runs[0]!.tool.driver;
  assert.equal(driver.name, 'kubeward');
  assert.equal(driver.version, '0.1.0');
  assert.equal(driver.informationUri, undefined, 'no web address is claimed');
  const ids = driver.rules!.map((r) => r.id);
  assert.deepEqual(ids, [...report.checks.map((c) => c.id), 'internal-error']);
  const priv = driver.rules!.find((r) => r.id === 'privileged-container')!;
  assert.equal(priv.shortDescription?.text, 'Container runs privileged');
  assert.equal(priv.fullDescription?.text, 'A privileged container has full access to the host.');
  assert.equal(priv.defaultConfiguration?.level, 'error');
  assert.equal(priv.properties?.['security-severity'], '9.5');
  assert.deepEqual(priv.properties?.tags, ['security', 'workload', 'CIS-5.2.2', 'PSS-baseline', 'MITRE-T1611', 'OWASP-K01']);
  assert.match(priv.help!.text, /Remediation: Set securityContext\.privileged to false\./);
  assert.match(priv.help!.markdown!, /\*\*References:\*\* CIS 5\.2\.2, PSS baseline: privileged, MITRE ATT&CK T1611, OWASP K8s K01/);
  const sev = Object.fromEntries(driver.rules!.map((r) => [r.id, r.properties?.['security-severity']]));
  assert.deepEqual(sev, {
    'privileged-container': '9.5',
    'run-as-root': '5.5',
    'host-network': '8.0',
    'rbac-wildcard': '8.0',
    'default-namespace': '3.0',
    'invalid-manifest': '8.0',
    'internal-error': '1.0',
  });
});

test('one result per finding plus suppressed ones, with a correct ruleIndex, level and region', () => {
  const report = fixtureReport();
  const run = render(report).runs[0]!;
  const results = run.results!;
  assert.equal(results.length, report.findings.length + report.suppressed.length);
  for (const r of results) assert.equal(run.tool.driver.rules![r.ruleIndex!]!.id, r.ruleId);
  const priv = results.find((r) => r.ruleId === 'privileged-container' && r.message.text === 'Container "app" runs privileged')!;
  assert.equal(priv.level, 'error');
  assert.deepEqual(priv.locations![0]!.physicalLocation!.region, { startLine: 21, startColumn: 13 });
  assert.deepEqual(priv.locations![0]!.physicalLocation!.artifactLocation, { uri: 'manifests/web%20app.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(priv.locations![0]!.logicalLocations, [{ name: 'web', fullyQualifiedName: 'Deployment/prod/web', kind: 'resource' }]);
  assert.deepEqual(priv.partialFingerprints, { 'kubeward/v1': report.findings[1]!.fingerprint });
  assert.equal(priv.properties?.path, '/spec/template/spec/containers/0/securityContext/privileged');
  assert.equal(priv.properties?.object, 'Deployment/prod/web');
  assert.equal(results.find((r) => r.ruleId === 'run-as-root')!.level, 'warning');
  assert.equal(results.find((r) => r.ruleId === 'default-namespace')!.level, 'note');
  const load = results.find((r) => r.ruleId === 'invalid-manifest')!;
  assert.equal(load.locations![0]!.logicalLocations, undefined);
  assert.deepEqual(load.locations![0]!.physicalLocation!.region, { startLine: 7, startColumn: 3 });
  const suppressed = results.filter((r) => r.suppressions);
  assert.equal(suppressed.length, 1);
  assert.deepEqual(suppressed[0]!.suppressions![0]!.kind, 'inSource');
  assert.equal(suppressed[0]!.suppressions![0]!.justification, 'legacy image, tracked in JIRA-1');
});

test('fingerprints are the findings\' own, so they stay stable across runs', () => {
  const a = render().runs[0]!.results!.map((r) => r.partialFingerprints!['kubeward/v1']);
  const b = render().runs[0]!.results!.map((r) => r.partialFingerprints!['kubeward/v1']);
  assert.deepEqual(a, b);
  assert.equal(new Set(a).size, a.length);
});

test('warnings become tool execution notifications', () => {
  const inv = render().runs[0]!.invocations![0]!;
  assert.equal(inv.executionSuccessful, true);
  assert.equal(inv.toolExecutionNotifications!.length, 2);
  assert.equal(inv.endTimeUtc, '2025-05-01T12:00:00.000Z');
});

test('artifact URIs: relative, stdin, absolute POSIX and Windows paths, odd characters', () => {
  assert.deepEqual(artifactUri('./manifests/web.yaml'), { uri: 'manifests/web.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactUri('<stdin>'), { uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactUri('/abs/path/jobs.yaml'), { uri: 'file:///abs/path/jobs.yaml' });
  assert.deepEqual(artifactUri('C:\\repo\\k8s\\a b.yaml'), { uri: 'file:///C:/repo/k8s/a%20b.yaml' });
  assert.deepEqual(artifactUri('\\\\server\\share\\x.yaml'), { uri: 'file://server/share/x.yaml' });
  assert.deepEqual(artifactUri('a:b/ü#?.yaml'), { uri: 'a%3Ab/%C3%BC%23%3F.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactUri('../up/x.yaml'), { uri: '../up/x.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactUri('bad\uD800name.yaml'), { uri: 'bad%EF%BF%BDname.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(artifactUri(''), { uri: '%3Cunknown%3E', uriBaseId: '%SRCROOT%' });
  const validate = sarifValidator();
  const r = fixtureReport();
  r.findings[0]!.location.file = 'we?ird #name%.yaml';
  r.findings[0]!.location.line = 0;
  assert.equal(validate(JSON.parse(renderSarif(r))), true, JSON.stringify(validate.errors));
});

test('renders 100,000 findings', () => {
  const report = bigReport(100_000);
  const out = renderSarif(report);
  assert.equal((JSON.parse(out) as Log).runs[0]!.results!.length, 100_000);
});
