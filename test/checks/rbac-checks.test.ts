import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runChecks } from '../../src/engine/run-checks.js';
import { rbacModel } from '../../src/analysis/rbac/model.js';
import { CHECKS } from '../../src/checks/index.js';
import { bootstrapTexts, inventoryOf } from '../analysis/rbac/helpers.js';

const rbacChecks = CHECKS.filter((c) => c.category === 'rbac');
const CLUSTER = readFileSync(new URL('../fixtures/rbac/cluster.yaml', import.meta.url), 'utf8');

test('the API server\'s own bootstrap roles and bindings give no RBAC findings', () => {
  const inv = inventoryOf(bootstrapTexts());
  assert.deepEqual(runChecks(rbacChecks, inv, []).map((f) => `${f.checkId} ${f.message}`), []);
});

test('the hand-written cluster: each finding where it belongs, severities by scope', () => {
  const inv = inventoryOf([{ text: CLUSTER, file: 'cluster.yaml' }]);
  const findings = runChecks(rbacChecks, inv, []);
  const got = findings.map((f) => `${f.checkId} ${f.severity} ${f.object?.kind}/${f.object?.name} ${f.path}`).sort();
  assert.deepEqual(got, [
    // kube-system's admin-bot: reported one level lower, not skipped (add-ons there sometimes get cluster-admin by design).
    'rbac-cluster-admin-binding critical ClusterRoleBinding/admin-bot /subjects/1',
    'rbac-cluster-admin-binding high ClusterRoleBinding/admin-bot /subjects/0',
    'rbac-create-pods high ClusterRole/pod-manager /rules/0',
    'rbac-create-pods high ClusterRole/pod-manager /rules/1',
    'rbac-escalate-bind-impersonate high ClusterRole/impersonator /rules/0',
    // Each subject that can make itself cluster-admin, once, at the binding of its first step (rbac paths finds the same).
    'rbac-escalation-to-cluster-admin critical ClusterRoleBinding/alice-impersonates /subjects/0',
    'rbac-escalation-to-cluster-admin critical ClusterRoleBinding/ops-bot-tokens /subjects/0',
    'rbac-escalation-to-cluster-admin critical RoleBinding/deployer-pods /subjects/0',
    'rbac-escalation-to-cluster-admin critical RoleBinding/devs-debug /subjects/0',
    'rbac-missing-role medium RoleBinding/legacy /roleRef/name',
    'rbac-pod-exec high Role/debugger /rules/0',
    'rbac-token-create high ClusterRole/token-minter /rules/0',
    'rbac-wildcard high ClusterRole/cluster-admin /rules/0/verbs/0',
    'rbac-wildcard medium ClusterRole/cluster-admin /rules/1/verbs/0',
    'rbac-workload-power high Deployment/web /spec/template/spec/serviceAccountName',
  ]);
  const w = findings.find((f) => f.checkId === 'rbac-workload-power')!;
  assert.match(w.message, /ServiceAccount prod\/ops-bot .* create service account tokens in every namespace through ClusterRoleBinding ops-bot-tokens → ClusterRole token-minter/);
  // debugger's get on secrets is limited to web-config: it reads that secret only, which is what rbac-secrets-read asks for.
  assert.ok(!findings.some((f) => f.checkId === 'rbac-secrets-read'));
});

test('secrets read cluster-wide is high; aggregated roles are reported at their source; a workload with cluster-admin is critical', () => {
  const inv = inventoryOf([{ file: 'x.yaml', text: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secret-part, labels: {agg: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: combined}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: "true"}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: combined}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: combined}
subjects: [{kind: ServiceAccount, name: app, namespace: shop}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: everything}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-everything}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything}
subjects: [{kind: ServiceAccount, name: ops, namespace: shop}]
---
apiVersion: v1
kind: Pod
metadata: {name: ops, namespace: shop}
spec:
  serviceAccountName: ops
  containers: [{name: c, image: ops:1}]
---
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: shop}
spec:
  serviceAccount: app
  containers: [{name: c, image: app:1}]
` }]);
  const f = runChecks(rbacChecks, inv, []);
  const s = f.find((x) => x.checkId === 'rbac-secrets-read')!;
  assert.equal(s.severity, 'high');
  assert.equal(s.object?.name, 'secret-part');
  assert.match(s.message, /aggregated into combined; bound by ClusterRoleBinding combined/);
  const w = f.filter((x) => x.checkId === 'rbac-workload-power').map((x) => `${x.object?.name} ${x.severity} ${x.path}`);
  assert.deepEqual(w.sort(), ['app high /spec/serviceAccount', 'ops critical /spec/serviceAccountName']);
});

test('the RBAC model is built once per inventory and shared by every check', () => {
  const inv = inventoryOf([{ text: CLUSTER, file: 'cluster.yaml' }]);
  const m = rbacModel(inv);
  runChecks(rbacChecks, inv, []);
  assert.equal(rbacModel(inv), m);
  assert.notEqual(rbacModel(inventoryOf([{ text: CLUSTER, file: 'cluster.yaml' }])), m);
});

test('the same role and binding in two files: each copy is reported, answers count the cluster\'s one', () => {
  const inv = inventoryOf([{ text: CLUSTER, file: 'a/cluster.yaml' }, { text: CLUSTER, file: 'b/cluster.yaml' }]);
  const f = runChecks(rbacChecks, inv, []).filter((x) => x.checkId === 'rbac-token-create' || x.checkId === 'rbac-cluster-admin-binding');
  assert.deepEqual(f.map((x) => `${x.checkId} ${x.location.file}`).sort(), [
    'rbac-cluster-admin-binding a/cluster.yaml', 'rbac-cluster-admin-binding a/cluster.yaml', 'rbac-cluster-admin-binding b/cluster.yaml', 'rbac-cluster-admin-binding b/cluster.yaml',
    'rbac-token-create a/cluster.yaml', 'rbac-token-create b/cluster.yaml',
  ]);
  const tokens = f.find((x) => x.checkId === 'rbac-token-create')!;
  assert.match(tokens.message, /bound by ClusterRoleBinding ops-bot-tokens \(ServiceAccount prod\/ops-bot\)$/, 'one binding, not two copies');
  const m = rbacModel(inv);
  assert.equal(m.bindings.length * 2, m.allBindings.length);
  assert.equal(m.bindings.find((b) => b.name === 'admin-bot')!.object.source.file, 'b/cluster.yaml', 'the later copy wins');
});
