import { defineCheck } from '../define.js';
import { istioInjectedNamespace, podMeta, podNamespace } from '../shared/mesh.js';

export default defineCheck({
  id: 'istio-sidecar-injection-disabled',
  title: 'Workload opts out of Istio sidecar injection in an injected namespace',
  severity: 'medium',
  category: 'mesh',
  description:
    'In a namespace labelled `istio-injection=enabled` (or with an `istio.io/rev` revision label), a pod template with ' +
    '`sidecar.istio.io/inject: "false"` gets no sidecar: its traffic is plaintext, it has no mesh identity, and ' +
    'PeerAuthentication and AuthorizationPolicy do not protect it. The label is what Istio reads first; the older ' +
    'annotation is honoured when the label is absent. Needs the Namespace object in the scanned input; ' +
    'host-network pods (which Istio never injects) are not judged.',
  remediation:
    'Remove the `sidecar.istio.io/inject: "false"` label/annotation, or move the workload to a namespace outside the mesh ' +
    'and restrict what can reach it with NetworkPolicies.',
  frameworks: { nsa: ['network/encryption'], owasp: ['K07'] },
  subject: 'pod',
  run: ({ pod, inventory }) => {
    if (pod.spec.hostNetwork === true) return [];
    const ns = istioInjectedNamespace(inventory, podNamespace(pod));
    if (!ns) return [];
    const setting = podMeta(pod, 'labels', 'sidecar.istio.io/inject') ?? podMeta(pod, 'annotations', 'sidecar.istio.io/inject');
    if (!setting || setting.value !== 'false') return [];
    return [{
      path: setting.path,
      message: `sidecar injection is turned off for these pods although namespace ${ns.namespace.name} has ${ns.reason}`,
      evidence: { found: 'sidecar.istio.io/inject: "false"', expected: 'no opt-out in an injected namespace' },
    }];
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: legacy
  namespace: shop
spec:
  selector:
    matchLabels: {app: legacy}
  template:
    metadata:
      labels:
        app: legacy
        sidecar.istio.io/inject: "false"
    spec:
      containers:
        - name: legacy
          image: registry.internal/legacy:1.0
`,
      `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio.io/rev: canary
---
apiVersion: v1
kind: Pod
metadata:
  name: batch
  namespace: shop
  annotations:
    sidecar.istio.io/inject: "false"
spec:
  containers:
    - name: batch
      image: registry.internal/batch:1.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Namespace
metadata:
  name: tools
  labels:
    istio-injection: disabled
    istio.io/rev: canary
---
apiVersion: v1
kind: Pod
metadata:
  name: batch
  namespace: tools
  labels:
    sidecar.istio.io/inject: "false"
spec:
  containers:
    - name: batch
      image: registry.internal/batch:1.0
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
  labels:
    sidecar.istio.io/inject: "true"
  annotations:
    sidecar.istio.io/inject: "false"
spec:
  containers:
    - name: api
      image: registry.internal/api:1.0
`,
    ],
  },
});
