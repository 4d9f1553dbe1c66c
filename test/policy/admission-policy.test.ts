import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../../src/engine/run-checks.js';
import { Inventory } from '../../src/model/inventory.js';
import { admissionPolicyChecks } from '../../src/policy/admission/policy-checks.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

const POLICY = (spec: string, name = 'replicas') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ${name}}
spec:
${spec}
`;
const BINDING = (spec: string, name = 'replicas-binding', policy = 'replicas') => `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: ${name}}
spec:
  policyName: ${policy}
${spec}
`;
const DEPLOYMENTS = `apiVersion: v1
kind: Namespace
metadata: {name: prod, labels: {env: prod}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: big, namespace: prod, labels: {tier: web}}
spec: {replicas: 9}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: small, namespace: dev}
spec: {replicas: 1}
---
apiVersion: v1
kind: Service
metadata: {name: svc, namespace: prod}
`;
const RULES = `  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}`;

function evaluate(...docs: string[]) {
  const inventory = new Inventory(withIds(loadText(docs.join('---\n'), 'in.yaml').objects));
  const { checks, warnings } = admissionPolicyChecks(inventory);
  const findings = runChecks(checks, inventory, []);
  return { findings, warnings, rows: findings.map((f) => [f.checkId, f.severity, f.object?.name, f.path, f.message]) };
}

describe('ValidatingAdmissionPolicy offline', () => {
  it('resourceRules, validations with fieldPath and messageExpression; Deny → the policy severity (kubeward.io/severity)', () => {
    const policy = POLICY(`${RULES}
  validations:
    - expression: object.spec.replicas <= 5
      messageExpression: "'replicas must be at most 5, got ' + string(object.spec.replicas)"
      fieldPath: spec.replicas`).replace('metadata: {name: replicas}', 'metadata: {name: replicas, annotations: {kubeward.io/severity: critical}}');
    const { rows, warnings } = evaluate(policy, BINDING('  validationActions: [Deny]'), DEPLOYMENTS);
    assert.deepEqual(rows, [['vap-replicas', 'critical', 'big', '/spec/replicas', "ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding' denied request: replicas must be at most 5, got 9"]]);
    assert.deepEqual(warnings, []);
  });

  it('Warn → medium and Audit → info, with the API server\'s warning text', () => {
    const policy = POLICY(`${RULES}
  validations: [{expression: "object.spec.replicas <= 5", message: too many}]`);
    assert.deepEqual(evaluate(policy, BINDING('  validationActions: [Warn]'), DEPLOYMENTS).rows.map((r) => [r[1], r[4]]), [['medium', "Validation failed for ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding': too many"]]);
    assert.deepEqual(evaluate(policy, BINDING('  validationActions: [Audit]'), DEPLOYMENTS).rows.map((r) => [r[1], r[4]]), [['info', "Validation failed for ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding': too many (Audit)"]]);
  });

  it('binding matchResources (namespaceSelector, objectSelector), policy excludeResourceRules and matchConditions select objects', () => {
    const policy = POLICY(`${RULES}
  validations: [{expression: "false", message: no}]`);
    const byNs = evaluate(policy, BINDING('  validationActions: [Deny]\n  matchResources: {namespaceSelector: {matchLabels: {env: prod}}}'), DEPLOYMENTS);
    assert.deepEqual(byNs.rows.map((r) => r[2]), ['big']);
    // A namespace with no Namespace object still has its kubernetes.io/metadata.name label.
    const byName = evaluate(policy, BINDING('  validationActions: [Deny]\n  matchResources: {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}}'), DEPLOYMENTS);
    assert.deepEqual(byName.rows.map((r) => r[2]), ['small']);
    const byLabel = evaluate(policy, BINDING('  validationActions: [Deny]\n  matchResources: {objectSelector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}}'), DEPLOYMENTS);
    assert.deepEqual(byLabel.rows.map((r) => r[2]), ['small']);
    const excluded = POLICY(`${RULES}
    excludeResourceRules:
      - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"], resourceNames: [big]}
  validations: [{expression: "false", message: no}]`);
    assert.deepEqual(evaluate(excluded, BINDING('  validationActions: [Deny]'), DEPLOYMENTS).rows.map((r) => r[2]), ['small']);
    const conditioned = POLICY(`${RULES}
  matchConditions:
    - name: only-namespace-prod
      expression: request.namespace == "prod" && request.operation == "CREATE" && request.resource.resource == "deployments"
  validations: [{expression: "false", message: no}]`);
    assert.deepEqual(evaluate(conditioned, BINDING('  validationActions: [Deny]'), DEPLOYMENTS).rows.map((r) => r[2]), ['big']);
  });

  it('params from the input by paramRef name (in the object\'s namespace) or selector; parameterNotFoundAction', () => {
    const policy = POLICY(`  paramKind: {apiVersion: v1, kind: ConfigMap}
${RULES}
  variables:
    - {name: max, expression: "int(params.data.max)"}
  validations:
    - expression: object.spec.replicas <= variables.max
      messageExpression: "'over ' + params.metadata.name"`);
    const params = `apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: prod, labels: {kind: limits}}
data: {max: "3"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: dev}
data: {max: "0"}
`;
    const byName = evaluate(policy, BINDING('  validationActions: [Deny]\n  paramRef: {name: limits, parameterNotFoundAction: Deny}'), DEPLOYMENTS, params);
    assert.deepEqual(byName.rows.map((r) => [r[2], r[4]]), [
      ['big', "ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding' denied request: over limits"],
      ['small', "ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding' denied request: over limits"],
    ]);
    const fixedNs = evaluate(policy, BINDING('  validationActions: [Deny]\n  paramRef: {name: limits, namespace: prod, parameterNotFoundAction: Deny}'), DEPLOYMENTS, params);
    assert.deepEqual(fixedNs.rows.map((r) => r[2]), ['big']);
    const bySelector = evaluate(policy, BINDING('  validationActions: [Deny]\n  paramRef: {selector: {matchLabels: {kind: limits}}, parameterNotFoundAction: Allow}'), DEPLOYMENTS, params);
    assert.deepEqual(bySelector.rows.map((r) => r[2]), ['big']);
    const denied = evaluate(policy, BINDING('  validationActions: [Deny]\n  paramRef: {name: missing, parameterNotFoundAction: Deny}'), DEPLOYMENTS, params);
    assert.deepEqual(denied.rows.map((r) => r[2]), ['big', 'small']);
    assert.match(String(denied.rows[0]![4]), /no params found for policy binding with `Deny` parameterNotFoundAction/);
  });

  it('namespaceObject: the Namespace of the input, else the one the API server would hold', () => {
    const policy = POLICY(`${RULES}
  validations:
    - expression: "namespaceObject.metadata.name != 'dev' && !('env' in namespaceObject.metadata.labels && namespaceObject.metadata.labels.env == 'prod')"
      messageExpression: "'namespace ' + namespaceObject.metadata.labels['kubernetes.io/metadata.name']"`);
    assert.deepEqual(evaluate(policy, BINDING('  validationActions: [Deny]'), DEPLOYMENTS).rows.map((r) => [r[2], r[4]]), [
      ['big', "ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding' denied request: namespace prod"],
      ['small', "ValidatingAdmissionPolicy 'replicas' with binding 'replicas-binding' denied request: namespace dev"],
    ]);
  });

  it('failurePolicy: an evaluation error is a finding under Fail and nothing under Ignore', () => {
    const policy = (fp: string) => POLICY(`  failurePolicy: ${fp}
${RULES}
  validations: [{expression: "object.spec.template.spec.hostNetwork == false"}]`);
    const fail = evaluate(policy('Fail'), BINDING('  validationActions: [Deny]'), DEPLOYMENTS);
    assert.deepEqual(fail.rows.map((r) => r[2]), ['big', 'small']);
    assert.match(String(fail.rows[0]![4]), /could not be evaluated: .*template/);
    assert.deepEqual(evaluate(policy('Ignore'), BINDING('  validationActions: [Deny]'), DEPLOYMENTS).rows, []);
  });

  it('an expression that does not compile is a finding on the policy at the expression, and denies under Fail', () => {
    const { findings } = evaluate(POLICY(`${RULES}
  validations: [{expression: "object.spec.replicas.noSuchMethod()"}]`), BINDING('  validationActions: [Deny]'), DEPLOYMENTS);
    assert.deepEqual(findings.map((f) => [f.object?.kind, f.path]), [
      ['ValidatingAdmissionPolicy', '/spec/validations/0/expression'],
      ['Deployment', ''],
      ['Deployment', ''],
    ]);
    assert.match(findings[0]!.message, /does not compile: .*noSuchMethod/);
  });

  it('what is not enforced is said: a policy without binding, a binding without policy or actions, auditAnnotations', () => {
    const { checks, warnings } = (() => {
      const inventory = new Inventory(withIds(loadText([
        POLICY(`${RULES}\n  validations: [{expression: "true"}]`, 'lonely'),
        POLICY(`${RULES}\n  validations: [{expression: "true"}]\n  auditAnnotations: [{key: k, valueExpression: "'v'"}]`, 'audited'),
        BINDING('  validationActions: [Audit]', 'b1', 'audited'),
        BINDING('  validationActions: [Deny]', 'b2', 'nowhere'),
        BINDING('  validationActions: []', 'b3', 'audited'),
      ].join('---\n'), 'p.yaml').objects));
      return admissionPolicyChecks(inventory);
    })();
    assert.deepEqual(checks.map((c) => c.id), ['vap-audited']);
    assert.equal(warnings.length, 4);
    assert.match(warnings.join('\n'), /b2 names policy "nowhere", which is not in the input/);
    assert.match(warnings.join('\n'), /b3 has no validationActions/);
    assert.match(warnings.join('\n'), /lonely has no ValidatingAdmissionPolicyBinding/);
    assert.match(warnings.join('\n'), /audited: auditAnnotations are not evaluated offline/);
  });
});
