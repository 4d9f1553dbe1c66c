import { hasNoPolicyAtAll, namespacesWithoutDefaultDeny, netpolNoneCause, netpolOpenCause } from '../../analysis/netpol/default-deny.js';
import { networkView } from '../../analysis/netpol/view.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'missing-default-deny-ingress',
  title: 'Namespace has no default-deny ingress NetworkPolicy',
  severity: 'medium',
  category: 'network',
  description:
    'Without a NetworkPolicy that selects every pod of a namespace for ingress (an empty podSelector), a pod no other ' +
    'policy selects accepts connections from every pod in the cluster and from outside. A new workload is then open ' +
    'by default, and an attacker in any pod can reach it. Reported once per namespace: every Namespace ' +
    'object of the input (CIS 5.3.2 covers every namespace, workloads in the input or not) and every namespace with ' +
    'workloads, on its Namespace object when the input has one, else on its first workload. A Cilium policy counts ' +
    'as a default deny when its endpointSelector decides on namespace labels only (`{}` in a CiliumNetworkPolicy, ' +
    'a namespace selector in a CiliumClusterwideNetworkPolicy) and it has ingress rules (`ingress: [{}]` allows nothing); ' +
    'a Cilium policy that selects pods by their labels is selective and does not count. A namespace with no network ' +
    'policy at all is one root cause: this finding says so, and the namespace\'s missing-default-deny-egress and ' +
    'workload-without-network-policy findings are folded under it (in the JSON `implied`, still judged by compliance).',
  remediation:
    'Add a policy `podSelector: {}` with `policyTypes: [Ingress]` and no ingress rules to the namespace, then allow the ' +
    'traffic each workload needs with its own policy.',
  frameworks: { cis: ['5.3.2'], nsa: ['network/network-policies'], mitre: ['T1046'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    return namespacesWithoutDefaultDeny(c, inventory.byKind('Namespace'), 'ingress').map((n) => ({
      object: n.object,
      issue: hasNoPolicyAtAll(c, n.namespace)
        ? { path: n.path, message: `namespace ${n.namespace} has no NetworkPolicy at all: every pod in it accepts traffic from anywhere and connects anywhere`, evidence: { expected: 'a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress]' }, cause: { key: netpolNoneCause(n.namespace), root: true } }
        : { path: n.path, message: `namespace ${n.namespace} has no default-deny ingress policy: pods no policy selects accept traffic from anywhere`, evidence: { expected: 'a NetworkPolicy with podSelector {} and policyTypes [Ingress]' }, cause: { key: netpolOpenCause(n.namespace, 'ingress'), root: true } },
    }));
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Namespace
metadata:
  name: payments
`,
      `apiVersion: v1
kind: Namespace
metadata:
  name: payments
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: frontends-only}
spec:
  endpointSelector: {matchLabels: {tier: frontend}}
  ingress: [{}]
`,
      `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: registry.example.com/web:1.0}]
`,
    ],
    pass: [
      `apiVersion: v1
kind: Namespace
metadata:
  name: payments
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: default-deny, namespace: payments}
spec:
  endpointSelector: {}
  ingress: [{}]
`,
      `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels: {tier: restricted}
---
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: restricted-default-deny}
spec:
  endpointSelector: {matchLabels: {k8s:io.cilium.k8s.namespace.labels.tier: restricted}}
  ingressDeny: [{fromEntities: [world]}]
`,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: registry.example.com/web:1.0}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
`,
    ],
  },
});
