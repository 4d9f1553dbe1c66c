import { hasNoPolicyAtAll, netpolNoneCause } from '../../analysis/netpol/default-deny.js';
import { isolationOf } from '../../analysis/netpol/isolation.js';
import { networkView } from '../../analysis/netpol/view.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'workload-without-network-policy',
  title: 'Workload is selected by no NetworkPolicy',
  severity: 'low',
  category: 'network',
  description:
    'A workload whose pods no NetworkPolicy selects (for ingress or egress), no CiliumNetworkPolicy or ' +
    'CiliumClusterwideNetworkPolicy selects (`endpointSelector`, `{}` included) and no AdminNetworkPolicy has as subject ' +
    'accepts and opens connections to and from everything. Host-network pods are left out: NetworkPolicies do not ' +
    'apply to them (see host-network). In a namespace with no network policy at all the namespace is reported once ' +
    '(missing-default-deny-ingress) and these per-workload findings are folded under it; they are shown where the ' +
    'namespace has policies but none selects the workload.',
  remediation: 'Add a NetworkPolicy whose podSelector matches the pod template labels, allowing only the traffic the workload needs, or a default deny for its namespace.',
  frameworks: { cis: ['5.3.2'], nsa: ['network/network-policies'], owasp: ['K07'] },
  aliases: { kubeLinter: ['non-isolated-pod'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    const none = new Map<string, boolean>();
    const noPolicy = (ns: string) => none.get(ns) ?? none.set(ns, hasNoPolicyAtAll(c, ns)).get(ns)!;
    return c.workloads
      .filter((w) => !w.hostNetwork && isolationOf(c, w).selectedBy.length === 0)
      .map((w) => ({
        object: w.object,
        issue: {
          path: '/metadata/name', message: `no NetworkPolicy or Cilium policy selects the pods of ${w.id}: all their traffic is allowed, both ways`,
          // A namespace with no policy at all: one finding for the namespace (missing-default-deny-ingress), this one folded under it.
          ...(noPolicy(w.namespace) ? { cause: { key: netpolNoneCause(w.namespace) } } : {}),
        },
      }));
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
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web-only, namespace: other}
spec:
  endpointSelector: {}
  ingress: [{fromEntities: [cluster]}]
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
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: shop-default, namespace: shop}
specs:
  - endpointSelector: {}
    ingress:
      - fromEndpoints: [{matchLabels: {app: web}}]
`,
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
apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata: {name: egress-dns-only}
spec:
  endpointSelector:
    matchExpressions: [{key: k8s:io.kubernetes.pod.namespace, operator: NotIn, values: [kube-system]}]
  egress:
    - toEndpoints: [{matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s-app: kube-dns}}]
      toPorts: [{ports: [{port: "53", protocol: UDP}]}]
`,
    ],
  },
});
