import { defineCheck } from '../define.js';
import { linkerdInjectedNamespace, podMeta, podNamespace } from '../shared/mesh.js';

export default defineCheck({
  id: 'linkerd-injection-disabled',
  title: 'Workload opts out of Linkerd proxy injection in an injected namespace',
  severity: 'medium',
  category: 'mesh',
  description:
    'In a namespace annotated `linkerd.io/inject: enabled`, a pod template annotated `linkerd.io/inject: disabled` ' +
    'gets no Linkerd proxy: its connections are not mTLS-encrypted, it has no workload identity, and Linkerd ' +
    'authorization policy (Server / AuthorizationPolicy) does not apply to it. Needs the Namespace object in the ' +
    'scanned input.',
  remediation:
    'Remove the `linkerd.io/inject: disabled` annotation; if one port is the problem, mark it opaque or skip only that ' +
    'port instead of leaving the mesh.',
  frameworks: { nsa: ['network/encryption'], owasp: ['K07'] },
  subject: 'pod',
  run: ({ pod, inventory }) => {
    const ns = linkerdInjectedNamespace(inventory, podNamespace(pod));
    if (!ns) return [];
    const setting = podMeta(pod, 'annotations', 'linkerd.io/inject');
    if (!setting || setting.value !== 'disabled') return [];
    return [{
      path: setting.path,
      message: `the Linkerd proxy is turned off for these pods although namespace ${ns.namespace.name} has ${ns.reason}`,
      evidence: { found: 'linkerd.io/inject: disabled', expected: 'no opt-out in an injected namespace' },
    }];
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Namespace
metadata:
  name: emojivoto
  annotations:
    linkerd.io/inject: enabled
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vote-bot
  namespace: emojivoto
spec:
  selector:
    matchLabels: {app: vote-bot}
  template:
    metadata:
      labels: {app: vote-bot}
      annotations:
        linkerd.io/inject: disabled
    spec:
      containers:
        - name: vote-bot
          image: buoyantio/emojivoto-web:v11
`,
    ],
    pass: [
      `apiVersion: v1
kind: Namespace
metadata:
  name: emojivoto
  annotations:
    linkerd.io/inject: enabled
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: emojivoto
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: buoyantio/emojivoto-web:v11
---
apiVersion: v1
kind: Pod
metadata:
  name: elsewhere
  namespace: tools
  annotations:
    linkerd.io/inject: disabled
spec:
  containers:
    - name: sh
      image: busybox:1.36
`,
    ],
  },
});
