import { defineCheck } from '../define.js';
import { rbacModel } from '../../analysis/rbac/model.js';
import { serviceAccountTokenUse } from '../../analysis/rbac/token-use.js';
import { effectiveNamespace } from '../../model/kinds.js';
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
    'ServiceAccount\'s (looked up among the scanned objects); otherwise the token is mounted. The finding says which decided. ' +
    'When a RoleBinding or ClusterRoleBinding among the scanned objects names the ServiceAccount as a subject and grants ' +
    'it anything beyond what every authenticated identity holds (system:basic-user, system:discovery, ' +
    'system:public-info-viewer, system:service-account-issuer-discovery), the workload uses its token: the finding is ' +
    'then info, says the token is needed and names the binding, and `fix` leaves the mount as it is.',
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
    const use = serviceAccountTokenUse(rbacModel(inventory), effectiveNamespace(pod.object) ?? 'default', d.serviceAccount);
    if (use) {
      const message =
        `the API token of ${sa} is mounted and needed: ${use.via} grants the account RBAC permissions, so the workload ` +
        'calls the API; keep it, with the account\'s RBAC least-privilege (a token it sends to anything but the API ' +
        'server belongs in a projected serviceAccountToken volume with its own audience and a short expirationSeconds)';
      return [{ ...at('automountServiceAccountToken', message, { found: d.by === 'pod' ? true : null, expected: 'true (the workload uses its token)' }), severity: 'info' }];
    }
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
      {
        // Bound to a Role among the scanned objects: the token is needed, reported at info (and kept by fix).
        yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: operator
  namespace: shop
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pods
  namespace: shop
rules:
  - apiGroups: [""]
    resources: [pods]
    verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: operator-pods
  namespace: shop
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
subjects:
  - {kind: ServiceAccount, name: operator}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: operator
  namespace: shop
spec:
  selector:
    matchLabels: {app: operator}
  template:
    metadata:
      labels: {app: operator}
    spec:
      serviceAccountName: operator
      containers:
        - name: operator
          image: registry.example.com/operator:2.0.1
`,
        path: '/spec/template/spec/automountServiceAccountToken',
        fixLeftAsIs: true,
      },
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
