import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isApplicable, evaluations } from '../../src/report/applicable.js';
import { escapeXmlAttr, escapeXmlText } from '../../src/report/escape-xml.js';
import { renderJunit } from '../../src/report/junit.js';
import { bigReport, cleanReport, fixtureReport, HOSTILE_NAME, OBJECTS } from './fixture-report.js';
import { descendants, parseXml } from './xml-check.js';

const suite = (root: ReturnType<typeof parseXml>, name: string) => [...descendants(root, 'testsuite')].find((s) => s.attrs.name === name)!;

test('JUnit XML is well-formed with a testsuite per check', () => {
  const root = parseXml(renderJunit(fixtureReport()));
  assert.equal(root.name, 'testsuites');
  assert.deepEqual(
    [...descendants(root, 'testsuite')].map((s) => s.attrs.name),
    ['privileged-container', 'run-as-root', 'host-network', 'rbac-wildcard', 'default-namespace', 'invalid-manifest', 'internal-error'],
  );
});

test('testcase, failure and error counts follow the applicable objects', () => {
  const root = parseXml(renderJunit(fixtureReport()));
  // container/pod checks: the 3 objects with pod specs; rbac-wildcard: the ClusterRole; default-namespace: all 6;
  // invalid-manifest: its one failing file; internal-error: its one failing object.
  assert.equal(root.attrs.tests, String(3 + 3 + 3 + 1 + 6 + 1 + 1));
  assert.equal(root.attrs.failures, '8');
  assert.equal(root.attrs.errors, '1');
  assert.equal([...descendants(root, 'testcase')].length, 18);
  assert.equal([...descendants(root, 'failure')].length, 8);
  for (const s of descendants(root, 'testsuite')) {
    const cases = [...descendants(s, 'testcase')];
    assert.equal(s.attrs.tests, String(cases.length), s.attrs.name);
    assert.equal(s.attrs.failures, String([...descendants(s, 'failure')].length), s.attrs.name);
    assert.equal(s.attrs.errors, String([...descendants(s, 'error')].length), s.attrs.name);
  }
  const priv = suite(root, 'privileged-container');
  assert.deepEqual(
    priv.children.filter((c) => c.name === 'testcase').map((c) => [c.attrs.name, c.attrs.classname, c.children.some((x) => x.name === 'failure')]),
    [
      ['Deployment/prod/web', 'privileged-container', true],
      [`Pod/dev/${HOSTILE_NAME}`, 'privileged-container', false],
      ['CronJob/dev/café-ünïcødé-日本-🚀', 'privileged-container', true],
    ],
  );
  const failure = [...descendants(priv, 'failure')][0]!;
  assert.equal(failure.attrs.type, 'critical');
  assert.equal(failure.attrs.message, 'Container "app" runs privileged');
  assert.match(failure.text, /^manifests\/web app\.yaml:21:13 \[critical\] Container "app" runs privileged/);
  const load = [...descendants(suite(root, 'invalid-manifest'), 'testcase')];
  assert.deepEqual(load.map((c) => c.attrs.name), ['broken.yaml']);
});

test('hostile strings are escaped and control characters dropped', () => {
  const xml = renderJunit(fixtureReport());
  assert.equal(xml.includes('<script>'), false);
  assert.equal(xml.includes('\u001b'), false);
  assert.equal(xml.includes('\u0007'), false);
  const root = parseXml(xml);
  const host = [...descendants(suite(root, 'host-network'), 'failure')][0]!;
  assert.match(host.attrs.message!, /^Pod <script>alert\(1\)<\/script> uses hostNetwork/);
  assert.equal(escapeXmlText('a\u0000b\uFFFEc\uD800d & <x>'), 'abcd &amp; &lt;x&gt;');
  assert.equal(escapeXmlAttr('say "hi"\n\'x\''), 'say &quot;hi&quot;&#10;&#39;x&#39;');
  assert.equal(escapeXmlText('🚀'), '🚀');
});

test('a clean scan gives passing testcases only', () => {
  const root = parseXml(renderJunit(cleanReport()));
  assert.equal(root.attrs.failures, '0');
  assert.equal(root.attrs.tests, String(3 + 3 + 3 + 1 + 6));
  assert.equal([...descendants(root, 'failure')].length, 0);
});

test('several findings of one check on one object make one failing testcase listing each', () => {
  const report = fixtureReport();
  const extra = { ...report.findings[1]!, message: 'second privileged container', path: '/spec/template/spec/containers/1' };
  report.findings.splice(2, 0, extra);
  const root = parseXml(renderJunit(report));
  const failures = [...descendants(suite(root, 'privileged-container'), 'failure')];
  assert.equal(failures.length, 2);
  assert.match(failures[0]!.attrs.message!, /^2 findings; first: /);
  assert.match(failures[0]!.text, /second privileged container/);
});

test('applicable: pod checks need a pod spec, object checks honour kinds, load checks only fail', () => {
  const report = fixtureReport();
  const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
  const names = (id: string) => OBJECTS.filter((o) => isApplicable(byId[id]!, o)).map((o) => o.kind);
  assert.deepEqual(names('host-network'), ['Deployment', 'Pod', 'CronJob']);
  assert.deepEqual(names('rbac-wildcard'), ['ClusterRole']);
  assert.equal(names('default-namespace').length, 6);
  assert.deepEqual(names('invalid-manifest'), []);
  const all = evaluations(report).flatMap((c) => c.evaluations.flatMap((e) => e.findings));
  assert.equal(all.length, report.findings.length, 'every finding lands in exactly one evaluation');
});

test('renders 100,000 findings as well-formed XML', () => {
  const report = bigReport(100_000);
  const xml = renderJunit(report);
  const root = parseXml(xml);
  assert.equal(root.attrs.failures, String(100_000));
});
