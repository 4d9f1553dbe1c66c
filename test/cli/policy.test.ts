import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const RULE = `apiVersion: kubeward.io/v1alpha1
kind: Rule
id: team-label
title: Workloads name their team
severity: high
frameworks: {owasp: [K01]}
match: {kinds: [Deployment]}
validations:
  - expression: has(object.metadata.labels) && 'team' in object.metadata.labels
    message: no team label
    fieldPath: metadata.labels
fix: Add a team label.
`;
const BROKEN = `apiVersion: kubeward.io/v1alpha1
kind: Rule
id: broken
title: Broken
severity: low
validations:
  - expression: object.spec.(
`;
const VAP = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: no-latest}
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
  validations:
    - expression: object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))
      message: images must not use the latest tag
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: no-latest}
spec: {policyName: no-latest, validationActions: [Warn]}
`;
const APPS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers: [{name: web, image: "nginx:latest"}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
  labels: {team: pay}
  annotations: {kubeward.io/ignore: "vap-no-latest: accepted"}
spec:
  template:
    spec:
      containers: [{name: api, image: "nginx:latest"}]
`;

async function fixture() {
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-policy-'));
  await mkdir(join(dir, 'policies'));
  await mkdir(join(dir, 'resources'));
  await writeFile(join(dir, 'policies', 'rule.yaml'), RULE);
  await writeFile(join(dir, 'policies', 'vap.yaml'), VAP);
  await writeFile(join(dir, 'resources', 'apps.yaml'), APPS);
  return dir;
}

test('scan --rules: custom rules and VAPs of the input are findings like any check (json, fail-on, ignore annotation, compile errors)', async () => {
  const dir = await fixture();
  await writeFile(join(dir, 'broken.yaml'), BROKEN);
  const args = ['scan', join(dir, 'resources'), join(dir, 'policies', 'vap.yaml'), '--rules', join(dir, 'policies', 'rule.yaml'), '--rules', join(dir, 'broken.yaml'), '--checks', 'team-label,invalid-manifest,vap-no-latest', '-o', 'json', '--fail-on', 'high'];
  const r = await runCli(args);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { checkId: string; severity: string; object?: { name: string }; message: string; location: { file: string; line: number }; frameworks: unknown }[]; suppressed: { finding: { checkId: string } }[] };
  const rows = report.findings.map((f) => [f.checkId, f.severity, f.object?.name ?? f.location.file.replace(dir, ''), f.location.line, f.message]);
  assert.deepEqual(rows, [
    ['invalid-manifest', 'high', '/broken.yaml', 7, 'CEL expression does not compile: Expected IDENTIFIER, got LPAREN'],
    ['vap-no-latest', 'medium', 'web', 1, "Validation failed for ValidatingAdmissionPolicy 'no-latest' with binding 'no-latest': images must not use the latest tag"],
    ['team-label', 'high', 'web', 3, 'no team label'],
  ]);
  assert.deepEqual(report.findings[2]!.frameworks, { owasp: ['K01'] });
  assert.deepEqual(report.suppressed.map((s) => s.finding.checkId), ['vap-no-latest']);

  const off = await runCli([...args.slice(0, 2), '--no-vap', '--rules', join(dir, 'policies', 'rule.yaml'), '--checks', 'team-label', '-o', 'json']);
  assert.deepEqual((JSON.parse(off.stdout) as { findings: { checkId: string }[] }).findings.map((f) => f.checkId), ['team-label']);

  const listed = await runCli(['checks', '--rules', join(dir, 'policies')]);
  assert.match(listed.stdout, /^team-label\s+high\s+workload\s+OWASP K01\s+Workloads name their team$/m);

  const missing = await runCli(['scan', join(dir, 'resources'), '--rules', join(dir, 'nope')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--rules: .*nope: no such file or directory/);
});

test('policy test: results per resource and rule, expectations from kubeward-test.yaml, exit 1 on a mismatch', async () => {
  const dir = await fixture();
  const expectations = (webVap: string) => `results:
  - {resource: Deployment/shop/web, rule: team-label, result: fail}
  - {resources: [Deployment/api], rule: team-label, result: pass}
  - {resource: web, policy: no-latest, result: ${webVap}}
`;
  await writeFile(join(dir, 'policies', 'kubeward-test.yaml'), expectations('fail'));
  const ok = await runCli(['policy', 'test', join(dir, 'policies'), join(dir, 'resources'), '-o', 'json']);
  assert.equal(ok.code, 0, ok.stdout);
  const result = JSON.parse(ok.stdout) as { rows: { resource: string; check: string; result: string; expected?: string }[]; passed: boolean };
  assert.deepEqual(result.rows.map((r) => [r.resource, r.check, r.result, r.expected ?? '-']), [
    ['Deployment/shop/web', 'team-label', 'fail', 'fail'],
    ['Deployment/shop/web', 'vap-no-latest', 'fail', 'fail'],
    ['Deployment/shop/api', 'team-label', 'pass', 'pass'],
    ['Deployment/shop/api', 'vap-no-latest', 'fail', '-'],
  ]);

  await writeFile(join(dir, 'policies', 'kubeward-test.yaml'), expectations('pass'));
  const bad = await runCli(['policy', 'test', join(dir, 'policies'), join(dir, 'resources')]);
  assert.equal(bad.code, 1, bad.stdout);
  assert.match(bad.stdout, /Deployment\/shop\/web\s+vap-no-latest\s+FAIL ✗\s+pass/);
  assert.match(bad.stdout, /1 mismatch, 0 problems — FAILED/);

  await writeFile(join(dir, 'policies', 'broken.yaml'), BROKEN);
  await writeFile(join(dir, 'policies', 'kubeward-test.yaml'), expectations('fail'));
  const broken = await runCli(['policy', 'test', join(dir, 'policies'), join(dir, 'resources')]);
  assert.equal(broken.code, 1, broken.stdout);
  assert.match(broken.stdout, /problem: .*broken\.yaml:7:17: CEL expression does not compile/);
});
