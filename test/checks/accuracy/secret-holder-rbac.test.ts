import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS } from '../../../src/checks/index.js';
import { scan } from '../example-helpers.js';

const checks = CHECKS.filter((c) => c.id === 'secret-holder-internet-egress' || c.id === 'rbac-workload-power');
const run = (text: string) => scan(checks, text).findings.map((f) => `${f.checkId} ${f.severity} ${f.object?.kind}/${f.object?.name} ${f.path}: ${f.message}`);

const job = (extra = '') => `apiVersion: batch/v1
kind: Job
metadata: {name: deploy, namespace: ci}
spec:
  template:
    spec:
      serviceAccountName: deployer
      restartPolicy: Never
${extra}      containers: [{name: kubectl, image: registry.example.com/kubectl:1.31}]
`;
const binding = (kind: string, ns: string | undefined, role: string, roleKind = 'ClusterRole') => `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata: {name: deployer-b${ns ? `, namespace: ${ns}` : ''}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}
subjects: [{kind: ServiceAccount, name: deployer, namespace: ci}]
`;

test('the default cluster-admin (absent from the input) bound to the token: both checks, critical for the RBAC one', () => {
  const got = run(job() + binding('ClusterRoleBinding', undefined, 'cluster-admin'));
  assert.deepEqual(got, [
    'rbac-workload-power critical Job/deploy /spec/template/spec/serviceAccountName: runs as ServiceAccount ci/deployer (token mounted), which can do anything (* on *) in every namespace through ClusterRoleBinding deployer-b → ClusterRole cluster-admin (a default role)',
    'secret-holder-internet-egress medium Job/deploy /spec/template/spec/serviceAccountName: ci/deploy[Job] carries the token of service account deployer (do anything (* on *) in every namespace through ClusterRoleBinding deployer-b → ClusterRole cluster-admin (a default role)) and can connect to public addresses (0.0.0.0/0,::/0: all)',
  ]);
});

test('aggregation counts: a ClusterRole that aggregates a secret-reading role gives the token that power', () => {
  const text = job() + `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader-parts, labels: {example.com/aggregate-to-reader: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {example.com/aggregate-to-reader: "true"}}]}
` + binding('ClusterRoleBinding', undefined, 'reader');
  const got = run(text).filter((s) => s.startsWith('secret-holder'));
  assert.equal(got.length, 1);
  assert.match(got[0]!, /read secrets in every namespace through ClusterRoleBinding deployer-b → ClusterRole reader\)/);
});

test('a RoleBinding in another namespace still gives the token power there (the stand-in read only the pod\'s namespace)', () => {
  const text = job() + `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: exec, namespace: prod}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]
` + binding('RoleBinding', 'prod', 'exec', 'Role');
  const got = run(text).filter((s) => s.startsWith('secret-holder'));
  assert.equal(got.length, 1);
  assert.match(got[0]!, /exec into, attach to or port-forward to pods in prod through RoleBinding prod\/deployer-b → Role prod\/exec/);
});

test('automounting off but a projected serviceAccountToken volume: the token is there', () => {
  const extra = `      automountServiceAccountToken: false
      volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: token}}]}}]
`;
  const got = run(job(extra) + binding('ClusterRoleBinding', undefined, 'cluster-admin'));
  assert.deepEqual(got.map((s) => s.split(':')[0]), ['secret-holder-internet-egress medium Job/deploy /spec/template/spec/serviceAccountName']);
});

test('no finding: automount off and no projected token; rules that need no secret power', () => {
  assert.deepEqual(run(job('      automountServiceAccountToken: false\n') + binding('ClusterRoleBinding', undefined, 'cluster-admin')), []);
  const viewOnly = job() + `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: lister}
rules: [{apiGroups: [""], resources: [configmaps, pods], verbs: [get, list]}]
` + binding('ClusterRoleBinding', undefined, 'lister');
  assert.deepEqual(run(viewOnly), []);
});
