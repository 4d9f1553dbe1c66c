// Truth tables: each rule of NetworkPolicy semantics with its own small scenario and expected matrix.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matrixOf, ns, pod } from './helpers.js';

const ALL_IPS = '0.0.0.0/0,::/0';

function np(name: string, namespace: string, spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}\n---\n`;
}

test('no policy: everything is allowed, both ways, to and from outside', () => {
  assert.deepEqual(matrixOf(pod('x', 'a', { app: 'x' }) + pod('y', 'b', { app: 'y' })), {
    'a/x[Pod] -> b/y[Pod]': 'all',
    'a/x[Pod] -> 0.0.0.0/0,::/0': 'all',
    'b/y[Pod] -> a/x[Pod]': 'all',
    'b/y[Pod] -> 0.0.0.0/0,::/0': 'all',
    '0.0.0.0/0,::/0 -> a/x[Pod]': 'all',
    '0.0.0.0/0,::/0 -> b/y[Pod]': 'all',
  });
});

test('default-deny ingress isolates every pod of its namespace for ingress only', () => {
  const m = matrixOf(pod('x', 'a', { app: 'x' }) + pod('y', 'a', { app: 'y' }) + pod('z', 'b', { app: 'z' }) + np('deny', 'a', '  podSelector: {}\n  policyTypes: [Ingress]'));
  assert.deepEqual(m, {
    'a/x[Pod] -> b/z[Pod]': 'all',
    'a/x[Pod] -> 0.0.0.0/0,::/0': 'all',
    'a/y[Pod] -> b/z[Pod]': 'all',
    'a/y[Pod] -> 0.0.0.0/0,::/0': 'all',
    'b/z[Pod] -> 0.0.0.0/0,::/0': 'all',
    '0.0.0.0/0,::/0 -> b/z[Pod]': 'all',
  });
});

test('policyTypes defaulting: Egress only when egress rules exist; `egress: []` without policyTypes does not isolate egress', () => {
  const base = pod('x', 'a', { app: 'x' }) + pod('y', 'a', { app: 'y' });
  const withRules = matrixOf(base + np('p', 'a', '  podSelector: {matchLabels: {app: x}}\n  egress:\n    - to: [{podSelector: {matchLabels: {app: "y"}}}]\n      ports: [{port: 53, protocol: UDP}]'));
  assert.equal(withRules['a/x[Pod] -> a/y[Pod]'], 'UDP 53');
  assert.equal(withRules['a/x[Pod] -> 0.0.0.0/0,::/0'], undefined);
  assert.equal(withRules['a/y[Pod] -> a/x[Pod]'], undefined, 'Ingress is always a default type: x is isolated for ingress');
  const emptyEgress = matrixOf(base + np('p', 'a', '  podSelector: {matchLabels: {app: x}}\n  egress: []'));
  assert.equal(emptyEgress['a/x[Pod] -> a/y[Pod]'], 'all');
  assert.equal(emptyEgress['a/y[Pod] -> a/x[Pod]'], undefined);
  const explicit = matrixOf(base + np('p', 'a', '  podSelector: {matchLabels: {app: x}}\n  policyTypes: [Egress]'));
  assert.equal(explicit['a/x[Pod] -> a/y[Pod]'], undefined);
  assert.equal(explicit['a/y[Pod] -> a/x[Pod]'], 'all', 'policyTypes [Egress] leaves ingress open');
});

const andOrPods = ns('b', { team: 'x' }) + ns('c', { team: 'y' }) + pod('db', 'a', { app: 'db' }) + pod('web', 'a', { app: 'web' }) +
  pod('web', 'b', { app: 'web' }) + pod('other', 'b', { app: 'other' }) + pod('web', 'c', { app: 'web' });
const sources = (m: Record<string, string>) => Object.keys(m).filter((k) => k.endsWith('-> a/db[Pod]')).map((k) => k.split(' -> ')[0]).sort();

test('podSelector and namespaceSelector in one peer are ANDed', () => {
  const m = matrixOf(andOrPods + np('p', 'a', '  podSelector: {matchLabels: {app: db}}\n  ingress:\n    - from:\n        - namespaceSelector: {matchLabels: {team: x}}\n          podSelector: {matchLabels: {app: web}}'));
  assert.deepEqual(sources(m), ['b/web[Pod]']);
});

test('podSelector and namespaceSelector in two peers are ORed; a podSelector alone means the policy\'s namespace', () => {
  const m = matrixOf(andOrPods + np('p', 'a', '  podSelector: {matchLabels: {app: db}}\n  ingress:\n    - from:\n        - namespaceSelector: {matchLabels: {team: x}}\n        - podSelector: {matchLabels: {app: web}}'));
  assert.deepEqual(sources(m), ['a/web[Pod]', 'b/other[Pod]', 'b/web[Pod]']);
});

test('namespaces without a Namespace object have only kubernetes.io/metadata.name', () => {
  const yaml = pod('db', 'a', { app: 'db' }) + pod('web', 'q', { app: 'web' }) + pod('web', 'r', { app: 'web' }) + ns('r', { env: 'prod' }) +
    np('p', 'a', '  podSelector: {}\n  ingress:\n    - from: [{namespaceSelector: {matchLabels: {env: prod}}}, {namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: q}}}]');
  assert.deepEqual(sources(matrixOf(yaml)), ['q/web[Pod]', 'r/web[Pod]']);
});

test('named ports resolve per destination pod, in ingress and in egress', () => {
  const yaml = pod('v1', 'a', { app: 'api', v: '1' }, ['http:8080']) + pod('v2', 'a', { app: 'api', v: '2' }, ['http:9090', 'metrics:9100']) +
    pod('client', 'a', { app: 'client' }) +
    np('in', 'a', '  podSelector: {matchLabels: {app: api}}\n  ingress:\n    - ports: [{port: http}]') +
    np('out', 'a', '  podSelector: {matchLabels: {app: client}}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{port: http}, {port: metrics, protocol: UDP}]');
  const m = matrixOf(yaml);
  assert.equal(m['a/client[Pod] -> a/v1[Pod]'], 'TCP 8080');
  assert.equal(m['a/client[Pod] -> a/v2[Pod]'], 'TCP 9090', 'metrics is a TCP port: the UDP rule does not match it');
  assert.equal(m['a/v1[Pod] -> a/v2[Pod]'], 'TCP 9090');
  assert.equal(m['a/client[Pod] -> 0.0.0.0/0,::/0'], undefined, 'a named port never matches an external address');
});

test('ipBlock with except, IPv4 and IPv6', () => {
  const yaml = pod('x', 'a', { app: 'x' }) + pod('y', 'a', { app: 'y' }) +
    np('p', 'a', '  podSelector: {matchLabels: {app: x}}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}\n        - ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:1::/48"]}');
  const m = matrixOf(yaml);
  const allowedTo = Object.keys(m).filter((k) => k.startsWith('a/x[Pod] -> ')).map((k) => k.slice('a/x[Pod] -> '.length));
  const v4 = '10.0.0.0/16,10.2.0.0/15,10.4.0.0/14,10.8.0.0/13,10.16.0.0/12,10.32.0.0/11,10.64.0.0/10,10.128.0.0/9';
  const v6 = ['2001:db8::/48', ...[47, 46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33].map((p) => `2001:db8:${(2 ** (48 - p)).toString(16)}::/${p}`)].join(',');
  assert.deepEqual(allowedTo, [`${v4},${v6}`]);
  const yTo = Object.keys(m).filter((k) => k.startsWith('a/y[Pod] -> ') && !k.includes('a/x'));
  assert.equal(yTo.length, 2, 'y reaches both external groups');
  const rest = yTo.map((k) => k.slice('a/y[Pod] -> '.length)).find((n) => !n.startsWith('10.0.0.0/16'))!;
  assert.ok(rest.split(',').includes('10.1.0.0/16') && rest.split(',').includes('2001:db8:1::/48') && rest.startsWith('0.0.0.0/5,8.0.0.0/7,10.1.0.0/16,11.0.0.0/8'), rest);
});

test('a connection needs both the source\'s egress and the destination\'s ingress (endPort ranges intersect)', () => {
  const yaml = pod('x', 'a', { app: 'x' }) + pod('y', 'b', { app: 'y' }) +
    np('out', 'a', '  podSelector: {matchLabels: {app: x}}\n  policyTypes: [Egress]\n  egress:\n    - ports: [{port: 80, endPort: 90}]') +
    np('in', 'b', '  podSelector: {matchLabels: {app: "y"}}\n  ingress:\n    - from: [{namespaceSelector: {}}]\n      ports: [{port: 85}, {port: 8080}]');
  const m = matrixOf(yaml);
  assert.equal(m['a/x[Pod] -> b/y[Pod]'], 'TCP 85');
  assert.equal(m['a/x[Pod] -> 0.0.0.0/0,::/0'], 'TCP 80-90');
  assert.equal(m['0.0.0.0/0,::/0 -> b/y[Pod]'], undefined, 'namespaceSelector {} is every pod, not external addresses');
});

test('a policy in another namespace never applies, even when its podSelector matches the labels', () => {
  const yaml = pod('x', 'a', { app: 'x' }) + pod('y', 'b', { app: 'x' }) + np('deny', 'b', '  podSelector: {matchLabels: {app: x}}\n  policyTypes: [Ingress, Egress]');
  const m = matrixOf(yaml);
  assert.equal(m['0.0.0.0/0,::/0 -> a/x[Pod]'], 'all');
  assert.equal(m['a/x[Pod] -> 0.0.0.0/0,::/0'], 'all');
  assert.equal(m['a/x[Pod] -> b/y[Pod]'], undefined);
  assert.equal(m['b/y[Pod] -> a/x[Pod]'], undefined);
});

test('empty podSelector peers, missing and empty from, empty rule, empty ingress list', () => {
  const pods = pod('t', 'a', { app: 't' }) + pod('s', 'a', { app: 's' }) + pod('o', 'b', { app: 'o' });
  const spec = (ingress: string) => `  podSelector: {matchLabels: {app: t}}\n  policyTypes: [Ingress]\n  ingress:\n${ingress}`;
  const to = (m: Record<string, string>) => Object.keys(m).filter((k) => k.endsWith('-> a/t[Pod]')).map((k) => k.split(' -> ')[0]).sort();
  assert.deepEqual(to(matrixOf(pods + np('p', 'a', spec('    - from: [{podSelector: {}}]')))), ['a/s[Pod]']);
  assert.deepEqual(to(matrixOf(pods + np('p', 'a', spec('    - from: [{namespaceSelector: {}}]')))), ['a/s[Pod]', 'b/o[Pod]']);
  assert.deepEqual(to(matrixOf(pods + np('p', 'a', spec('    - from: []')))), [ALL_IPS, 'a/s[Pod]', 'b/o[Pod]']);
  assert.deepEqual(to(matrixOf(pods + np('p', 'a', spec('    - {}')))), [ALL_IPS, 'a/s[Pod]', 'b/o[Pod]']);
  assert.deepEqual(to(matrixOf(pods + np('p', 'a', '  podSelector: {matchLabels: {app: t}}\n  policyTypes: [Ingress]\n  ingress: []'))), []);
});

test('protocols: TCP, UDP and SCTP; a port entry without a number is every port of its protocol', () => {
  const yaml = pod('x', 'a', { app: 'x' }) + pod('y', 'a', { app: 'y' }) +
    np('p', 'a', '  podSelector: {matchLabels: {app: "y"}}\n  ingress:\n    - ports: [{protocol: UDP, port: 53}, {protocol: SCTP, port: 3868}, {protocol: TCP, port: 1000, endPort: 1002}]\n    - ports: [{protocol: UDP}]');
  assert.equal(matrixOf(yaml)['a/x[Pod] -> a/y[Pod]'], 'TCP 1000-1002; UDP 1-65535; SCTP 3868');
});

test('hostNetwork pods: no policy isolates them; as peers only rules open to everyone match them', () => {
  const yaml = pod('node-agent', 'a', { app: 'agent' }, [], '  hostNetwork: true\n') + pod('x', 'a', { app: 'x' }) + pod('y', 'a', { app: 'y' }) +
    np('deny', 'a', '  podSelector: {}\n  policyTypes: [Ingress, Egress]') +
    np('x-in', 'a', '  podSelector: {matchLabels: {app: x}}\n  ingress:\n    - from: [{podSelector: {}}]') +
    np('y-in', 'a', '  podSelector: {matchLabels: {app: "y"}}\n  ingress:\n    - ports: [{port: 9}]');
  const m = matrixOf(yaml);
  assert.equal(m['a/y[Pod] -> a/node-agent[Pod]'], undefined, 'y cannot send (its egress is denied)');
  assert.equal(m['a/node-agent[Pod] -> 0.0.0.0/0,::/0'], 'all');
  assert.equal(m['0.0.0.0/0,::/0 -> a/node-agent[Pod]'], 'all', 'the deny-all selects the host-network pod but does not apply to it');
  assert.equal(m['a/node-agent[Pod] -> a/x[Pod]'], undefined, 'podSelector {} does not match a host-network pod');
  assert.equal(m['a/node-agent[Pod] -> a/y[Pod]'], 'TCP 9');
});

test('workloads stand for their pods: labels and named ports come from the pod template', () => {
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: a, labels: {app: wrong}}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: c, image: i, ports: [{name: web, containerPort: 8000}]}]
---
` + pod('client', 'a', { app: 'client' }) + np('p', 'a', '  podSelector: {matchLabels: {app: api}}\n  ingress:\n    - ports: [{port: web}]');
  const m = matrixOf(yaml);
  assert.equal(m['a/client[Pod] -> a/api[Deployment]'], 'TCP 8000');
});
