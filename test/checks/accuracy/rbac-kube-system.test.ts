import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CHECKS } from '../../../src/checks/index.js';
import { scan } from '../example-helpers.js';

const text = readFileSync(new URL('../../fixtures/accuracy/kubernetes-goat-insecure-rbac-setup.yaml', import.meta.url), 'utf8');
const check = CHECKS.filter((c) => c.id === 'rbac-cluster-admin-binding');

test('cluster-admin for a kube-system service account (kubernetes-goat insecure-rbac) is reported, one level lower', () => {
  const got = scan(check, text).findings.map((f) => `${f.severity} ${f.object?.kind}/${f.object?.name} ${f.path}`);
  assert.deepEqual(got, ['high ClusterRoleBinding/superadmin /subjects/0']);
});

test('through a RoleBinding it is medium; system:* users stay the API server\'s own', () => {
  const rb = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: addon-admin, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: ServiceAccount, name: addon}
  - {kind: User, name: system:kube-controller-manager}
`;
  assert.deepEqual(scan(check, rb).findings.map((f) => `${f.severity} ${f.path}`), ['medium /subjects/0']);
});
