import { defineCheck } from '../define.js';
import { displayName } from '../../model/object.js';
import { tokenDecision } from '../shared/service-account.js';

export default defineCheck({
  id: 'automount-service-account-token',
  title: 'Pod mounts a Kubernetes API token',
  severity: 'medium',
  category: 'workload',
  description:
    'Unless told otherwise, the kubelet mounts the pod\'s ServiceAccount token at ' +
    '/var/run/secrets/kubernetes.io/serviceaccount. Anyone who gets code execution in any container (or reads ' +
    'files through a path traversal) then holds credentials for the Kubernetes API, with every permission the ' +
    'ServiceAccount has. The pod spec\'s `automountServiceAccountToken` decides when set; otherwise the ' +
    'ServiceAccount\'s (looked up among the scanned objects); otherwise the token is mounted. The finding says which decided.',
  remediation:
    'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount) for workloads that do not ' +
    'call the Kubernetes API; those that do should use a dedicated ServiceAccount with least privilege, or a ' +
    'projected token with a short expiry and an audience.',
  frameworks: {
    cis: ['5.1.6'],
    nsa: ['pod-security/service-account-tokens'],
    mitre: ['T1528', 'T1552.007'],
    owasp: ['K01', 'K03'],
  },
  aliases: { kubescape: ['C-0034'], trivy: ['KSV036'], checkov: ['CKV_K8S_38'] },
  subject: 'pod',
  run: ({ pod, inventory, at }) => {
    const d = tokenDecision(pod, inventory);
    if (!d.mounted) return [];
    const sa = `ServiceAccount "${d.serviceAccount}"`;
    const message =
      d.by === 'pod'
        ? `the pod spec sets automountServiceAccountToken: true, so the API token of ${sa} is mounted`
        : d.by === 'serviceaccount'
          ? `${displayName(d.account!)} sets automountServiceAccountToken: true and the pod spec does not override it`
          : d.account
            ? `neither the pod spec nor ${sa} sets automountServiceAccountToken, so the token is mounted (the default)`
            : `the pod spec does not set automountServiceAccountToken and ${sa} is not among the scanned objects, so the token is mounted (the default)`;
    return [at('automountServiceAccountToken', message, { found: d.by === 'pod' ? true : null, expected: 'false' })];
  },
  fix: ({ pod }) => [{ op: 'add', path: `${pod.path}/automountServiceAccountToken`, value: false }],
  vap: { unsupported: "reads the pod's ServiceAccount (its automountServiceAccountToken), another object" },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      serviceAccountName: api
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
      `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata:
  name: api-debug
  namespace: shop
spec:
  serviceAccountName: api
  automountServiceAccountToken: true
  containers:
    - name: api
      image: registry.example.com/api:5.2.0
`,
      `apiVersion: v1
kind: ServiceAccount
metadata:
  name: worker
  namespace: shop
automountServiceAccountToken: true
---
apiVersion: batch/v1
kind: Job
metadata:
  name: worker
  namespace: shop
spec:
  template:
    spec:
      serviceAccountName: worker
      restartPolicy: Never
      containers:
        - name: worker
          image: registry.example.com/worker:1.0.4
`,
    ],
    pass: [
      `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      serviceAccountName: api
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  automountServiceAccountToken: false
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
  },
});
