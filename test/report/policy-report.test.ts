import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { renderPolicyReport } from '../../src/report/policy-report.js';
import { yamlDocument, yamlScalar } from '../../src/report/yaml-block.js';
import { cleanReport, fixtureReport, HOSTILE_NAME } from './fixture-report.js';

interface Result {
  policy: string;
  rule: string;
  result: string;
  severity: string;
  category: string;
  message: string;
  source: string;
  scored: boolean;
  resources?: { apiVersion: string; kind: string; name: string; namespace?: string }[];
  timestamp: { seconds: number; nanos: number };
  properties: Record<string, unknown>;
}
interface PolicyReport {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  summary: Record<'pass' | 'fail' | 'warn' | 'error' | 'skip', number>;
  results: Result[];
}

function docs(text: string): PolicyReport[] {
  const all = parseAllDocuments(text);
  assert.ok(Array.isArray(all));
  for (const d of all) assert.deepEqual(d.errors, []);
  return all.map((d) => d.toJS() as PolicyReport);
}

test('one PolicyReport per namespace and a ClusterPolicyReport, parsed back as YAML', () => {
  const reports = docs(renderPolicyReport(fixtureReport()));
  assert.deepEqual(
    reports.map((r) => [r.apiVersion, r.kind, r.metadata.name, r.metadata.namespace]),
    [
      ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'kubeward-default', 'default'],
      ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'kubeward-dev', 'dev'],
      ['wgpolicyk8s.io/v1alpha2', 'PolicyReport', 'kubeward-prod', 'prod'],
      ['wgpolicyk8s.io/v1alpha2', 'ClusterPolicyReport', 'kubeward-cluster', undefined],
    ],
  );
  for (const r of reports) assert.equal(r.metadata.labels['app.kubernetes.io/managed-by'], 'kubeward');
});

test('summary counts: pass per clean evaluation, fail per finding, error for crashed checks, skip per suppression', () => {
  const byName = Object.fromEntries(docs(renderPolicyReport(fixtureReport())).map((r) => [r.metadata.name, r]));
  // default: the namespace-less Service fails default-namespace.
  assert.deepEqual(byName['kubeward-default']!.summary, { pass: 0, fail: 1, warn: 0, error: 0, skip: 0 });
  // dev: Pod (3 pod/container checks + default-namespace) and CronJob (same 4): 8 evaluations;
  // 2 fail on the Pod, 1 on the CronJob; CronJob's run-as-root is suppressed (skip, not pass).
  assert.deepEqual(byName['kubeward-dev']!.summary, { pass: 4, fail: 3, warn: 0, error: 0, skip: 1 });
  // prod: Deployment (4 evaluations, 2 fail) + ConfigMap (default-namespace passes; internal-error is an error).
  assert.deepEqual(byName['kubeward-prod']!.summary, { pass: 3, fail: 2, warn: 0, error: 1, skip: 0 });
  // cluster: ClusterRole (rbac-wildcard fails, default-namespace passes) + the unparseable file.
  assert.deepEqual(byName['kubeward-cluster']!.summary, { pass: 1, fail: 2, warn: 0, error: 0, skip: 0 });
  for (const r of Object.values(byName)) {
    const counted = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
    for (const x of r.results) counted[x.result as keyof typeof counted]++;
    assert.deepEqual(counted, r.summary, r.metadata.name);
  }
});

test('results carry the v1alpha2 fields with the right types', () => {
  const dev = docs(renderPolicyReport(fixtureReport())).find((r) => r.metadata.name === 'kubeward-dev')!;
  const host = dev.results.find((r) => r.policy === 'host-network' && r.result === 'fail')!;
  assert.deepEqual(host, {
    policy: 'host-network',
    rule: 'host-network',
    result: 'fail',
    severity: 'high',
    category: 'workload',
    message: `Pod ${HOSTILE_NAME} uses hostNetwork | **bold** [x](javascript:alert(1)) @octocat`,
    source: 'kubeward',
    scored: true,
    resources: [{ apiVersion: 'v1', kind: 'Pod', name: HOSTILE_NAME, namespace: 'dev' }],
    timestamp: { seconds: Date.parse('2025-05-01T12:00:00Z') / 1000, nanos: 0 },
    properties: { path: '/spec/hostNetwork', file: '<stdin>', line: '6', fingerprint: fixtureReport().findings[3]!.fingerprint },
  });
  for (const r of dev.results) {
    assert.ok(['critical', 'high', 'medium', 'low', 'info'].includes(r.severity));
    for (const v of Object.values(r.properties)) assert.equal(typeof v, 'string', 'properties is map[string]string');
  }
  const skip = dev.results.find((r) => r.result === 'skip')!;
  assert.equal(skip.properties.suppressedBy, 'annotation');
  const cluster = docs(renderPolicyReport(fixtureReport())).at(-1)!;
  const load = cluster.results.find((r) => r.policy === 'invalid-manifest')!;
  assert.equal(load.resources, undefined);
  assert.equal(cluster.results.find((r) => r.policy === 'rbac-wildcard')!.resources![0]!.namespace, undefined);
});

test('a clean scan reports passes only', () => {
  const reports = docs(renderPolicyReport(cleanReport()));
  const total = reports.reduce((n, r) => n + r.summary.pass, 0);
  assert.equal(total, 3 * 4 + 1 + 1 + 1 + 1); // 3 pod objects × 4 checks; ConfigMap, ClusterRole (×2: rbac + default), Service
  assert.equal(reports.reduce((n, r) => n + r.summary.fail, 0), 0);
});

test('the YAML writer round-trips hostile and unusual values exactly', () => {
  const values = [
    'plain', 'yes', 'No', 'null', '~', 'true', '1.0', '0x1F', '.inf', '-', '- x', ': x', '#c', 'a: b', 'a #b', '"q"', "'q'",
    '', ' lead', 'trail ', 'multi\nline', 'tab\there', '\u0000\u0007\u001b[31m', '\u2028\u2029', 'é日本🚀', '{a}', '[b]', '&a', '*a', '!tag',
    '%x', '@x', '`x', '|', '>', '---', '...', HOSTILE_NAME, 'apps/v1', 'wgpolicyk8s.io/v1alpha2', 'kube-system',
  ];
  const doc = { list: values, map: Object.fromEntries(values.map((v, i) => [v || `empty${i}`, v])), n: 12, b: false, z: null, e: [], o: {}, nested: [{ a: [{ b: 1 }] }, [1, 2]] };
  assert.deepEqual(parse(yamlDocument(doc)), doc);
  assert.equal(yamlScalar('web'), 'web');
  assert.equal(yamlScalar('on'), '"on"');
});
