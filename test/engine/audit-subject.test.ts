// What an audit alert's user can do (audit scan --rbac): the RBAC authorizer's answers, phrased.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { subjectPowers } from '../../src/engine/audit-subject.js';
import { modelOf } from '../analysis/rbac/helpers.js';

test('system:masters, cluster-admin, named powers per namespace, and nothing', () => {
  const text = readFileSync('test/fixtures/audit/rbac.yaml', 'utf8') + `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: User, name: ops, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin}
rules: [{apiGroups: ['*'], resources: ['*'], verbs: ['*']}, {nonResourceURLs: ['*'], verbs: ['*']}]
`;
  const powers = subjectPowers(modelOf(text));
  assert.deepEqual(powers('root', ['system:masters', 'system:authenticated'], undefined), ['unrestricted (member of system:masters)']);
  assert.deepEqual(powers('ops', ['system:authenticated'], 'prod'), ['cluster-admin (* on * cluster-wide)']);
  assert.deepEqual(powers('alice', ['dev', 'system:authenticated'], 'prod'), ['read secrets (cluster-wide)', 'create pods or pod-creating workloads (in prod)']);
  assert.deepEqual(powers('alice', ['system:authenticated'], 'dev'), []);
});

