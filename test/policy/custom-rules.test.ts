import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../../src/engine/run-checks.js';
import { Inventory } from '../../src/model/inventory.js';
import { parseRules } from '../../src/policy/rules/parse-rules.js';
import { ruleCheck } from '../../src/policy/rules/rule-check.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

const RULE = `apiVersion: kubeward.io/v1alpha1
kind: Rule
id: replicas-and-team
title: Production workloads have a team and enough replicas
severity: medium
frameworks: {nsa: [pod-security/non-root]}
match:
  kinds: [Deployment]
  namespaceSelector: {matchLabels: {env: prod}}
params: {minReplicas: 2}
variables:
  - name: labels
    expression: "has(object.metadata.labels) ? object.metadata.labels : {}"
validations:
  - expression: "'team' in variables.labels"
    message: a production Deployment needs a team label
    fieldPath: metadata.labels
  - expression: object.spec.replicas >= params.minReplicas
    messageExpression: "'replicas ' + string(object.spec.replicas) + ' < ' + string(params.minReplicas)"
    fieldPath: spec.replicas
`;

const INPUT = `apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: prod}
spec:
  replicas: 1
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ok, namespace: prod, labels: {team: pay}}
spec:
  replicas: 3
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dev-api, namespace: dev}
spec:
  replicas: 1
`;

function run(ruleText: string, input: string) {
  const { rules, problems } = parseRules(ruleText, 'rules.yaml');
  assert.deepEqual(problems, []);
  const loaded = loadText(input, 'in.yaml');
  return runChecks(rules.map(ruleCheck), new Inventory(withIds(loaded.objects)), []);
}

describe('custom rules', () => {
  it('run as checks: match by kind and namespaceSelector, variables, params, message and messageExpression, fieldPath', () => {
    const findings = run(RULE, INPUT);
    assert.deepEqual(findings.map((f) => [f.checkId, f.severity, f.object?.name, f.path, f.location.line, f.message]), [
      ['replicas-and-team', 'medium', 'api', '/metadata/labels', 7, 'a production Deployment needs a team label'],
      ['replicas-and-team', 'medium', 'api', '/spec/replicas', 9, 'replicas 1 < 2'],
    ]);
    assert.deepEqual(findings[0]!.frameworks, { nsa: ['pod-security/non-root'] });
  });

  it('an expression that cannot be evaluated is a finding under failurePolicy Fail and nothing under Ignore', () => {
    const rule = (policy: string) => `apiVersion: kubeward.io/v1alpha1
kind: Rule
id: needs-field
title: t
severity: low
failurePolicy: ${policy}
match: {kinds: [Deployment], namespaces: [dev]}
validations:
  - expression: object.spec.template.spec.hostNetwork == false
`;
    const fail = run(rule('Fail'), INPUT);
    assert.equal(fail.length, 1);
    assert.match(fail[0]!.message, /rule needs-field: expression 'object.spec.template.spec.hostNetwork == false' could not be evaluated: .*template/);
    assert.deepEqual(run(rule('Ignore'), INPUT), []);
  });

  it('the default message is "failed expression: <expression>", as Kubernetes writes it', () => {
    const findings = run(`apiVersion: kubeward.io/v1alpha1
kind: Rule
id: few-replicas
title: t
severity: low
match: {kinds: [Deployment]}
validations: [{expression: "object.spec.replicas > 2"}]
`, INPUT);
    assert.deepEqual(findings.map((f) => [f.object?.name, f.message]), [['api', 'failed expression: object.spec.replicas > 2'], ['dev-api', 'failed expression: object.spec.replicas > 2']]);
  });

  it('a rule that does not compile is a problem at its file, line and column; the other rules of the file are kept', () => {
    const text = `${RULE}---
apiVersion: kubeward.io/v1alpha1
kind: Rule
id: broken
title: Broken
severity: high
validations:
  - expression: object.spec.replicas.lowerAscii() ==
  - expression: authorizer.group("").resource("pods").check("create").allowed()
---
apiVersion: kubeward.io/v1alpha1
kind: Rule
id: Bad_Id
title: t
severity: urgent
validations: [{expression: "true", mesage: x}]
`;
    const { rules, problems } = parseRules(text, 'rules.yaml');
    assert.deepEqual(rules.map((r) => r.id), ['replicas-and-team']);
    assert.deepEqual(problems.map((p) => [p.code, p.file, p.line, p.column]), [
      ['invalid-rule', 'rules.yaml', 28, 17],
      ['invalid-rule', 'rules.yaml', 29, 17],
      ['invalid-rule', 'rules.yaml', 33, 5],
      ['invalid-rule', 'rules.yaml', 35, 11],
      ['invalid-rule', 'rules.yaml', 36, 44],
    ]);
    assert.match(problems[0]!.message, /CEL expression does not compile/);
    assert.match(problems[1]!.message, /authorizer/);
    assert.match(problems[2]!.message, /kebab-case/);
    assert.match(problems[3]!.message, /severity must be one of/);
    assert.match(problems[4]!.message, /unknown key "mesage" \(did you mean "message"\?\)/);
  });

  it('other Kubernetes objects next to the rules are not rules and not problems', () => {
    const { rules, problems } = parseRules('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: params}\n---\nfoo: bar\n', 'mixed.yaml');
    assert.deepEqual(rules, []);
    assert.deepEqual(problems.map((p) => [p.line, p.message]), [[5, 'expected apiVersion: kubeward.io/v1alpha1 and kind: Rule (got undefined undefined)']]);
  });
});
