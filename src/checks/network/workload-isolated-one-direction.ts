import { netpolOpenCause } from '../../analysis/netpol/default-deny.js';
import { isolationOf } from '../../analysis/netpol/isolation.js';
import { networkView } from '../../analysis/netpol/view.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'workload-isolated-one-direction',
  title: 'Workload is isolated for ingress or egress only',
  severity: 'low',
  category: 'network',
  description:
    'A workload that some policy isolates in one direction only: a NetworkPolicy with policyTypes [Ingress] (or a ' +
    'Cilium policy with only ingress or ingressDeny rules) restricts who connects to the pods, while their own ' +
    'connections stay open to every pod and address, the path a compromised pod takes to scan the cluster, reach ' +
    'the cloud metadata service and send data out; the reverse leaves every pod and address free to connect in. ' +
    'NetworkPolicies and CiliumNetworkPolicy/CiliumClusterwideNetworkPolicy rules count (Cilium per ' +
    '`enableDefaultDeny`); workloads no policy selects are workload-without-network-policy, host-network pods are ' +
    'left out. kube-score reports the same as pod-networkpolicy. The open direction is the namespace\'s missing ' +
    'default deny for it: these findings fold under its missing-default-deny-ingress or -egress finding (in the JSON ' +
    '`implied`), and stand alone when that check is skipped.',
  remediation:
    'Add the missing direction: a policy selecting the pods (or the whole namespace, `podSelector: {}`) with the ' +
    'other policy type, allowing only the traffic the workload needs (for egress, DNS to kube-dns and its backends).',
  frameworks: { cis: ['5.3.2'], nsa: ['network/network-policies'], mitre: ['T1046'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    const out = [];
    for (const w of c.workloads) {
      if (w.hostNetwork) continue;
      const iso = isolationOf(c, w);
      if (iso.ingress === iso.egress) continue;
      const [only, open] = iso.ingress ? ['ingress', 'egress'] : ['egress', 'ingress'];
      out.push({
        object: w.object,
        issue: {
          path: '/metadata/name',
          message: `the pods of ${w.id} are isolated for ${only} only (${iso.selectedBy.join(', ')}): all their ${open} traffic is allowed`,
          evidence: { found: `${only} only`, expected: 'isolated for ingress and egress' },
          // One root cause: the namespace has no default deny for the open direction (folded under that finding).
          cause: { key: netpolOpenCause(w.namespace, open as 'ingress' | 'egress') },
        },
      });
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
metadata: {name: egress-only, namespace: shop}
spec:
  endpointSelector: {}
  egress:
    - toEntities: [cluster]
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
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny-egress, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
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
metadata: {name: api, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]
  egress: [{toEntities: [world], toPorts: [{ports: [{port: "443"}]}]}]
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
`,
    ],
  },
});
