// CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy semantics (Cilium docs: Layer 3/4 policies, deny
// policies, Kubernetes constructs), and the matrix agreeing with explain on every pair.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainConnection } from '../../../src/analysis/netpol/explain.js';
import { attachedRoutes } from '../../../src/analysis/netpol/gateway-routes.js';
import { Inventory } from '../../../src/model/inventory.js';
import { loadText, withIds } from '../../../src/sources/manifests.js';
import { parseIp } from '../../../src/analysis/netpol/ip.js';
import { computeMatrix } from '../../../src/analysis/netpol/matrix.js';
import { hasPort, PROTOCOLS } from '../../../src/analysis/netpol/ports.js';
import { clusterOf, matrixOf, ns, pod } from './helpers.js';

const cnp = (name: string, namespace: string, spec: string) => `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}\n---\n`;
const ccnp = (name: string, spec: string) => `apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: ${name}}\nspec:\n${spec}\n---\n`;

const base = ns('a', { team: 'data' }) + ns('b', { team: 'app' }) +
  pod('db', 'a', { app: 'db' }, ['pg:5432/TCP']) + pod('web', 'b', { app: 'web' }) + pod('job', 'b', { app: 'job' }, [], '  serviceAccountName: batch\n') +
  pod('node-agent', 'b', { app: 'agent' }, [], '  hostNetwork: true\n');
const into = (m: Record<string, string>, dst: string) => Object.fromEntries(Object.entries(m).filter(([k]) => k.endsWith(`-> ${dst}`)).map(([k, v]) => [k.split(' -> ')[0], v]));

test('namespaced policy: peers default to its namespace; the namespace key, namespace labels (CCNP), service accounts and entities', () => {
  // fromEndpoints without a namespace key: only pods of namespace a (none but db itself).
  assert.deepEqual(into(matrixOf(base + cnp('db', 'a', '  endpointSelector: {matchLabels: {app: db}}\n  ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]')), 'a/db[Pod]'), {});
  // With the namespace key the peer is in b.
  assert.deepEqual(into(matrixOf(base + cnp('db', 'a', '  endpointSelector: {matchLabels: {app: db}}\n  ingress: [{fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: b, app: web}}], toPorts: [{ports: [{port: pg}]}]}]')), 'a/db[Pod]'), { 'b/web[Pod]': 'TCP 5432' });
  // A clusterwide policy with a namespace-label key and a service account.
  assert.deepEqual(into(matrixOf(base + ccnp('db', '  endpointSelector: {matchLabels: {app: db}}\n  ingress: [{fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.team: app, io.cilium.k8s.policy.serviceaccount: batch}}], toPorts: [{ports: [{port: "5000", endPort: 5500, protocol: ANY}]}]}]')), 'a/db[Pod]'),
    { 'b/job[Pod]': 'TCP 5000-5500; UDP 5000-5500; SCTP 5000-5500' });
  // Entities: cluster = every pod, host-network ones included; world = outside addresses.
  const m = matrixOf(base + cnp('db', 'a', '  endpointSelector: {}\n  ingress: [{fromEntities: [cluster]}, {fromEntities: [world], toPorts: [{ports: [{port: "443"}]}]}]'));
  assert.deepEqual(into(m, 'a/db[Pod]'), { '0.0.0.0/0,::/0': 'TCP 443; UDP 443; SCTP 443', 'b/job[Pod]': 'all', 'b/node-agent[Pod]': 'all', 'b/web[Pod]': 'all' });
});

test('default deny per direction, {} allows nothing, enableDefaultDeny false, deny rules win, CIDR with except', () => {
  assert.deepEqual(into(matrixOf(base + cnp('dd', 'a', '  endpointSelector: {}\n  ingress: [{}]')), 'a/db[Pod]'), {});
  // egress only: ingress stays open.
  assert.equal(Object.keys(into(matrixOf(base + cnp('dd', 'a', '  endpointSelector: {}\n  egress: [{}]')), 'a/db[Pod]')).length, 4);
  // An empty list does not isolate; enableDefaultDeny false does not either.
  assert.equal(Object.keys(into(matrixOf(base + cnp('dd', 'a', '  endpointSelector: {}\n  ingress: []')), 'a/db[Pod]')).length, 4);
  assert.equal(Object.keys(into(matrixOf(base + cnp('dd', 'a', '  endpointSelector: {}\n  enableDefaultDeny: {ingress: false}\n  ingress: [{fromEndpoints: [{}]}]')), 'a/db[Pod]')).length, 4);
  // Deny-only: isolates, and denies even what another policy allows.
  const yaml = base + cnp('deny', 'a', '  endpointSelector: {}\n  ingressDeny: [{fromEntities: [world]}]') + cnp('allow', 'a', '  endpointSelector: {}\n  ingress: [{fromEntities: [all]}]');
  assert.deepEqual(into(matrixOf(yaml), 'a/db[Pod]'), { 'b/job[Pod]': 'all', 'b/node-agent[Pod]': 'all', 'b/web[Pod]': 'all' });
  const egress = matrixOf(base + cnp('out', 'b', '  endpointSelector: {matchLabels: {app: web}}\n  egress: [{toCIDRSet: [{cidr: 10.0.0.0/8, except: [10.1.0.0/16]}], toPorts: [{ports: [{port: "0", protocol: UDP}]}]}]'));
  assert.deepEqual(Object.fromEntries(Object.entries(egress).filter(([k]) => k.startsWith('b/web[Pod] ->'))), { 'b/web[Pod] -> 10.0.0.0/16,10.2.0.0/15,10.4.0.0/14,10.8.0.0/13,10.16.0.0/12,10.32.0.0/11,10.64.0.0/10,10.128.0.0/9': 'UDP 1-65535' });
});

test('bad Cilium policies are reported and not applied; the rest is still read', () => {
  const c = clusterOf(base + cnp('bad', 'a', '  endpointSelector: {}\n  ingress: [{fromEntities: [everywhere]}]') + 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: nospec, namespace: a}\n---\n' +
    cnp('host', 'a', '  nodeSelector: {}\n  ingress: [{}]') + cnp('ok', 'a', '  endpointSelector: {}\n  ingress: [{}]'));
  assert.deepEqual(c.problems.map((p) => `${p.object.name} ${p.path}`), ['bad /spec/ingress/0/fromEntities', 'nospec /spec', 'host /spec/nodeSelector']);
  assert.deepEqual(c.cilium.map((p) => p.name), ['ok']);
});

const HOSTILE = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: a, namespace: x}
spec: "nope"
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: b, namespace: x}
specs: [5, null, {endpointSelector: 7, ingress: "x", egress: [{toPorts: [{ports: [{port: {}}, null]}], toCIDRSet: [{cidr: 999}], toEntities: world}]}]
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: c}
spec: {endpointSelector: {matchExpressions: [{key: a, operator: Bogus}]}, ingressDeny: [{fromCIDR: ["10.0.0.0/33"]}], enableDefaultDeny: 3}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: x}
spec: {parentRefs: [7, {name: 5}, {name: gw, sectionName: 3}], rules: [{backendRefs: [null, {name: svc, kind: Service}]}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: x}
spec: {listeners: "x"}
`;

test('hostile Cilium and Gateway API objects: every bad field reported, nothing thrown, nothing applied', () => {
  const c = clusterOf(HOSTILE);
  assert.equal(c.cilium.length, 0);
  assert.equal(c.problems.length, 9);
  // The route names a Gateway whose listeners are unreadable: attached to none, so it exposes nothing.
  assert.deepEqual(attachedRoutes(new Inventory(withIds(loadText(HOSTILE, 'h.yaml').objects))), []);
});

test('matrix and explain agree on every pair and sampled port (Cilium rules of every kind)', () => {
  const yaml = base +
    cnp('db', 'a', '  endpointSelector: {matchLabels: {app: db}}\n  ingress:\n    - {fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: b}}], toPorts: [{ports: [{port: pg}, {port: "9000", endPort: 9100, protocol: UDP}]}]}\n    - {fromCIDR: [192.0.2.0/24]}\n  ingressDeny: [{fromEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: b, app: job}}], toPorts: [{ports: [{port: "5432"}]}]}]\n  egress: [{toEntities: [world]}, {toFQDNs: [{matchName: x.example.com}]}]') +
    ccnp('web', '  endpointSelector: {matchLabels: {app: web}}\n  egress: [{toEndpoints: [{matchLabels: {app: db}}]}, {toPorts: [{ports: [{port: "53", protocol: UDP}]}]}]');
  const c = clusterOf(yaml);
  const mx = computeMatrix(c);
  const ips = ['192.0.2.7', '198.51.100.1'].map((s) => { const v = parseIp(s)!; return { kind: 'ip' as const, range: { family: v.family, lo: v.value, hi: v.value } }; });
  const ports = [53, 5432, 9050, 8080];
  let checked = 0;
  const w = mx.workloads;
  for (let i = 0; i < w.length; i++) {
    for (let j = 0; j < w.length; j++) {
      if (i === j) continue;
      const set = mx.pods[mx.classOf[i]! * mx.classes + mx.classOf[j]!]!;
      for (const proto of PROTOCOLS) for (const port of ports) {
        assert.equal(explainConnection(c, { kind: 'pod', ep: w[i]! }, { kind: 'pod', ep: w[j]! }, proto, port).allowed, hasPort(set, proto, port), `${w[i]!.id} -> ${w[j]!.id} ${proto}/${port}`);
        checked++;
      }
    }
    for (const ip of ips) {
      const x = mx.externals.find((e) => e.ranges.some((r) => r.family === ip.range.family && r.lo <= ip.range.lo && ip.range.hi <= r.hi))!;
      for (const proto of PROTOCOLS) for (const port of ports) {
        assert.equal(explainConnection(c, { kind: 'pod', ep: w[i]! }, ip, proto, port).allowed, hasPort(x.egress[mx.classOf[i]!]!, proto, port));
        assert.equal(explainConnection(c, ip, { kind: 'pod', ep: w[i]! }, proto, port).allowed, hasPort(x.ingress[mx.classOf[i]!]!, proto, port));
        checked += 2;
      }
    }
  }
  assert.ok(checked > 300);
  // Spot checks of the same scenario.
  const v = explainConnection(c, { kind: 'pod', ep: w.find((x) => x.id === 'b/job[Pod]')! }, { kind: 'pod', ep: w.find((x) => x.id === 'a/db[Pod]')! }, 'TCP', 5432);
  assert.deepEqual([v.allowed, v.ingress.rules[0]?.rule], [false, '/spec/ingressDeny/0']);
  assert.match(explainConnection(c, { kind: 'pod', ep: w.find((x) => x.id === 'a/db[Pod]')! }, ips[1]!, 'TCP', 443).egress.unmodelled?.[0] ?? '', /toFQDNs is not modelled/);
});
