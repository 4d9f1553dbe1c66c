// AdminNetworkPolicy and BaselineAdminNetworkPolicy: priorities, Allow/Deny/Pass, and their order around NetworkPolicies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainConnection } from '../../../src/analysis/netpol/explain.js';
import { clusterOf, matrixOf, ns, pod } from './helpers.js';

function anp(name: string, priority: number, spec: string): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n  priority: ${priority}\n${spec}\n---\n`;
}
function banp(spec: string): string {
  return `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: {name: default}\nspec:\n${spec}\n---\n`;
}
function np(name: string, namespace: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}\n---\n`;
}

const pods = ns('a', { tier: 'data' }) + ns('b', { tier: 'app' }) + ns('c', { tier: 'ops' }) +
  pod('db', 'a', { app: 'db' }) + pod('web', 'b', { app: 'web' }) + pod('other', 'b', { app: 'other' }) + pod('tool', 'c', { app: 'tool' });
const into = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).filter(([k]) => k.endsWith('-> a/db[Pod]')).map(([k, v]) => [k.split(' -> ')[0], v]));

test('a lower priority number is evaluated first; the first matching rule decides, over NetworkPolicies', () => {
  const yaml = pods +
    anp('deny-app', 20, '  subject: {namespaces: {matchLabels: {tier: data}}}\n  ingress:\n    - {name: deny-app, action: Deny, from: [{namespaces: {matchLabels: {tier: app}}}]}') +
    anp('allow-web', 10, '  subject: {namespaces: {matchLabels: {tier: data}}}\n  ingress:\n    - {name: web, action: Allow, from: [{pods: {namespaceSelector: {matchLabels: {tier: app}}, podSelector: {matchLabels: {app: web}}}}]}') +
    // A NetworkPolicy that would allow everything is overridden by the Deny, and one that denies is overridden by the Allow.
    np('deny-all', 'a', '  podSelector: {}\n  policyTypes: [Ingress]');
  assert.deepEqual(into(matrixOf(yaml)), { 'b/web[Pod]': 'all' });
  const c = clusterOf(yaml);
  const db = c.workloads.find((w) => w.id === 'a/db[Pod]')!;
  const web = c.workloads.find((w) => w.id === 'b/web[Pod]')!;
  const v = explainConnection(c, { kind: 'pod', ep: web }, { kind: 'pod', ep: db }, 'TCP', 5432);
  assert.equal(v.allowed, true);
  assert.equal(v.ingress.decidedBy, 'admin');
  assert.deepEqual(v.ingress.rules, [{ policy: 'AdminNetworkPolicy allow-web', rule: '/spec/ingress/0', name: 'web', action: 'Allow' }]);
});

test('Pass hands the decision to NetworkPolicies; without an isolating NetworkPolicy, the baseline decides', () => {
  const admin = anp('pass-ops', 5, '  subject: {namespaces: {}}\n  ingress:\n    - {name: ops, action: Pass, from: [{namespaces: {matchLabels: {tier: ops}}}]}\n    - {name: deny-ops-too-late, action: Allow, from: [{namespaces: {matchLabels: {tier: ops}}}]}');
  const base = banp('  subject: {namespaces: {}}\n  ingress:\n    - {name: no-ops, action: Deny, from: [{namespaces: {matchLabels: {tier: ops}}}]}');
  assert.deepEqual(into(matrixOf(pods + admin + base)), { 'b/web[Pod]': 'all', 'b/other[Pod]': 'all', '0.0.0.0/0,::/0': 'all' }, 'baseline denies ops');
  const allowOps = np('allow-ops', 'a', '  podSelector: {}\n  ingress:\n    - from: [{namespaceSelector: {matchLabels: {tier: ops}}}]\n      ports: [{port: 22}]');
  assert.deepEqual(into(matrixOf(pods + admin + base + allowOps)), { 'c/tool[Pod]': 'TCP 22' }, 'an isolating NetworkPolicy decides; the baseline does not apply');
});

test('port-level admin rules split the port space', () => {
  const yaml = pods +
    anp('no-ssh', 1, '  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}\n  ingress:\n    - name: ssh\n      action: Deny\n      from: [{namespaces: {}}]\n      ports: [{portNumber: {protocol: TCP, port: 22}}, {portRange: {protocol: UDP, start: 1, end: 1000}}]');
  assert.equal(into(matrixOf(yaml))['c/tool[Pod]'], 'TCP 1-21,23-65535; UDP 1001-65535; SCTP 1-65535');
  assert.equal(matrixOf(yaml)['0.0.0.0/0,::/0 -> a/db[Pod]'], 'all', 'namespaces peers never match external addresses');
});

test('admin egress to networks; baseline egress deny with an allow before it', () => {
  const yaml = pods +
    anp('internet', 3, '  subject: {namespaces: {matchLabels: {tier: app}}}\n  egress:\n    - {name: corp, action: Allow, to: [{networks: ["192.0.2.0/24"]}]}') +
    banp('  subject: {namespaces: {}}\n  egress:\n    - {name: dns, action: Allow, to: [{networks: ["198.51.100.53/32"]}], ports: [{portNumber: {protocol: UDP, port: 53}}]}\n    - {name: no-internet, action: Deny, to: [{networks: ["0.0.0.0/0"]}]}');
  const m = matrixOf(yaml);
  assert.equal(m['b/web[Pod] -> 192.0.2.0/24'], 'all');
  assert.equal(m['a/db[Pod] -> 192.0.2.0/24'], undefined);
  assert.equal(m['a/db[Pod] -> 198.51.100.53/32'], 'UDP 53');
  assert.equal(m['a/db[Pod] -> ::/0'], 'all', 'IPv6 is not in 0.0.0.0/0');
  assert.equal(m['a/db[Pod] -> b/web[Pod]'], 'all');
});
