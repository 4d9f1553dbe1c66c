import { directMatcher } from '../../analysis/netpol/match.js';
import { networkView } from '../../analysis/netpol/view.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'workload-without-network-policy',
  title: 'Workload is selected by no NetworkPolicy',
  severity: 'low',
  category: 'network',
  description:
    'A workload whose pods no NetworkPolicy selects (for ingress or egress) and no AdminNetworkPolicy has as subject ' +
    'accepts and opens connections to and from everything. Host-network pods are left out: NetworkPolicies do not ' +
    'apply to them (see host-network).',
  remediation: 'Add a NetworkPolicy whose podSelector matches the pod template labels, allowing only the traffic the workload needs, or a default deny for its namespace.',
  frameworks: { cis: ['5.3.2'], nsa: ['network/network-policies'], owasp: ['K07'] },
  aliases: { kubeLinter: ['non-isolated-pod'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    return c.workloads
      .filter((w) => !w.hostNetwork && !(c.policiesByNamespace.get(w.namespace) ?? []).some((p) => directMatcher.npSelects(p, w)) && ![...c.admin, ...c.baseline].some((p) => directMatcher.adminSubject(p, w)))
      .map((w) => ({ object: w.object, issue: { path: '/metadata/name', message: `no NetworkPolicy selects the pods of ${w.id}: all their traffic is allowed, both ways` } }));
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
metadata: {name: web-only, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
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
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
`,
    ],
  },
});
