import { hasNoPolicyAtAll, namespacesWithoutDefaultDeny, netpolNoneCause, netpolOpenCause } from '../../analysis/netpol/default-deny.js';
import { networkView } from '../../analysis/netpol/view.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'missing-default-deny-egress',
  title: 'Namespace has no default-deny egress NetworkPolicy',
  severity: 'medium',
  category: 'network',
  description:
    'Without a NetworkPolicy that selects every pod of a namespace for egress (an empty podSelector), a pod no other ' +
    'policy selects can connect to every pod in the cluster and to the internet: a compromised pod can scan the ' +
    'cluster, reach the cloud metadata service and send data out. Reported once per namespace: every Namespace ' +
    'object of the input (CIS 5.3.2 covers every namespace, workloads in the input or not) and every namespace with ' +
    'workloads, on its Namespace object when the input has one, else on its first workload. A Cilium policy counts ' +
    'as a default deny when its endpointSelector decides on namespace labels only (`{}` in a CiliumNetworkPolicy, ' +
    'a namespace selector in a CiliumClusterwideNetworkPolicy) and it has egress rules (`egress: [{}]` allows nothing); ' +
    'a Cilium policy that selects pods by their labels is selective and does not count.',
  remediation:
    'Add a policy `podSelector: {}` with `policyTypes: [Egress]` whose only rule allows DNS (UDP and TCP 53 to kube-dns), ' +
    'then allow the traffic each workload needs with its own policy.',
  frameworks: { cis: ['5.3.2'], nsa: ['network/network-policies'], mitre: ['T1046'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    return namespacesWithoutDefaultDeny(c, inventory.byKind('Namespace'), 'egress').map((n) => ({
      object: n.object,
      issue: {
        path: n.path, message: `namespace ${n.namespace} has no default-deny egress policy: pods no policy selects can connect anywhere`, evidence: { expected: 'a NetworkPolicy with podSelector {} and policyTypes [Egress]' },
        // No policy at all in the namespace: folded under its missing-default-deny-ingress finding (one root cause).
        // Policies but no default deny: the workloads isolated for ingress only fold under this finding.
        cause: hasNoPolicyAtAll(c, n.namespace) ? { key: netpolNoneCause(n.namespace) } : { key: netpolOpenCause(n.namespace, 'egress'), root: true },
      },
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
  egress: [{}]
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
  egress: [{}]
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
  egressDeny: [{toEntities: [world]}]
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
  policyTypes: [Egress]
  egress:
    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
      ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
`,
    ],
  },
});
