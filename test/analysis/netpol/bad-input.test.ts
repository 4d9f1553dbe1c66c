// Malformed policies never crash the analysis: problems name the policy and field, the bad part matches nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeMatrix } from '../../../src/analysis/netpol/matrix.js';
import { clusterOf, matrixOf, pod } from './helpers.js';

const PODS = pod('x', 'a', { app: 'x' }) + pod('t', 'a', { app: 't' });

test('malformed NetworkPolicies: reported with their field, no crash, and not applied (the API server rejects them)', () => {
  const yaml = PODS + `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad, namespace: a}
spec:
  podSelector: {matchLabels: {app: t}}
  ingress:
    - null
    - from: [{ipBlock: {cidr: 10.0.0.0/33}}, {}, 7, {podSelector: {matchExpressions: [{key: app, operator: Near}]}}]
    - from: [{ipBlock: {cidr: 10.0.0.0/8, except: ["2001:db8::/32"]}}]
      ports: [{port: true}, {protocol: ICMP}, {port: 80, endPort: 70}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: worse, namespace: a}
spec: 5
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: strange-types, namespace: a}
spec:
  podSelector: "app=x"
  policyTypes: [Sideways]
`;
  const c = clusterOf(yaml);
  const problems = c.problems.map((p) => `${p.object.name} ${p.path}`);
  for (const want of ['bad /spec/ingress/1/from/0/ipBlock', 'bad /spec/ingress/1/from/1', 'bad /spec/ingress/1/from/2', 'bad /spec/ingress/1/from/3/podSelector/matchExpressions/0',
    'bad /spec/ingress/2/from/0/ipBlock/except/0', 'bad /spec/ingress/2/ports/0/port', 'bad /spec/ingress/2/ports/1/protocol', 'bad /spec/ingress/2/ports/2/endPort',
    'worse /spec', 'strange-types /spec/podSelector', 'strange-types /spec/policyTypes']) assert.ok(problems.includes(want), `${want} in ${JSON.stringify(problems)}`);
  assert.doesNotThrow(() => computeMatrix(c));
  assert.deepEqual(c.policies, [], 'no policy is applied');
  const valid = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ok, namespace: a}
spec:
  podSelector: {matchLabels: {app: t}}
  ingress: []
`;
  assert.equal(matrixOf(yaml)['0.0.0.0/0,::/0 -> a/t[Pod]'], 'all', 'the rejected policies isolate nothing');
  assert.equal(matrixOf(yaml + '---\n' + valid)['0.0.0.0/0,::/0 -> a/t[Pod]'], undefined, 'a valid policy beside them still applies');
});

test('malformed admin policies: no priority, bad action, no subject', () => {
  const yaml = PODS + `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: p1}
spec:
  subject: {namespaces: {}}
  ingress:
    - {name: r, action: Explode, from: [{namespaces: {}}]}
    - {name: r2, action: Deny, from: [{nowhere: {}}], ports: [{bogus: 1}]}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: p2}
spec:
  priority: 3
  ingress: [{name: r, action: Deny, from: [{namespaces: {}}]}]
`;
  const c = clusterOf(yaml);
  const problems = c.problems.map((p) => `${p.object.name} ${p.path}`);
  for (const want of ['p1 /spec/priority', 'p1 /spec/ingress/0/action', 'p1 /spec/ingress/1/from/0', 'p1 /spec/ingress/1/ports/0', 'p2 /spec/subject'])
    assert.ok(problems.includes(want), `${want} in ${JSON.stringify(problems)}`);
  assert.equal(c.admin.length, 0);
  assert.equal(matrixOf(yaml)['a/x[Pod] -> a/t[Pod]'], 'all', 'the rejected admin policies deny nothing');
});
