import { directMatcher } from '../../analysis/netpol/match.js';
import { networkView } from '../../analysis/netpol/view.js';
import { matchesSelector } from '../../model/inventory.js';
import type { K8sObject } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';

export default defineCheck({
  id: 'network-policy-dangling-selector',
  title: 'NetworkPolicy selector matches nothing',
  severity: 'low',
  category: 'network',
  description:
    'A policy whose podSelector matches no workload of its namespace protects nothing, and a peer whose selectors ' +
    'match no workload or namespace allows nothing: usually a typo in a label or a renamed app, which leaves the ' +
    'intended pods unprotected or cut off. Judged against the workloads and namespaces in the input: a podSelector ' +
    'is only judged when its namespace has workloads in the input, a peer only when the input has workloads at all.',
  remediation: 'Fix the labels so the selector matches the pod template labels of the intended workloads (or namespace labels), or delete the policy or peer.',
  frameworks: { nsa: ['network/network-policies'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    const out: { object: K8sObject; issue: Issue }[] = [];
    if (c.workloads.length === 0) return out;
    const pods = c.workloads.filter((w) => !w.hostNetwork);
    for (const p of c.policies) {
      const local = pods.filter((w) => w.namespace === p.namespace);
      if (local.length && !local.some((w) => directMatcher.npSelects(p, w)))
        out.push({ object: p.object, issue: { path: '/spec/podSelector', message: `the podSelector matches no workload in namespace ${p.namespace}` } });
      for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
        if (rule.peers === 'all') continue;
        for (const peer of rule.peers) {
          if (peer.kind !== 'pods') continue;
          if (peer.namespaceSelector && ![...c.namespaces.values()].some((l) => matchesSelector(l, peer.namespaceSelector!))) {
            out.push({ object: p.object, issue: { path: `${peer.path}/namespaceSelector`, message: 'the namespaceSelector matches no namespace in the input' } });
          } else if (!pods.some((w) => directMatcher.npPeer(peer, p, { kind: 'pod', ep: w }))) {
            out.push({ object: p.object, issue: { path: `${peer.path}/podSelector`, message: 'the peer matches no workload in the input' } });
          }
        }
      }
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: registry.example.com/api:1.0}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: frontent}}
`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: registry.example.com/api:1.0}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec:
      containers: [{name: web, image: registry.example.com/web:1.0}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: frontend}}
`,
    ],
  },
});
