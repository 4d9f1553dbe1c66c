import { rbacModel } from '../../analysis/rbac/model.js';
import { serviceAccountPowers } from '../../analysis/rbac/token-powers.js';
import { workloadServiceAccount } from '../../analysis/rbac/workload-sa.js';
import { defineCheck } from '../define.js';
import type { InventoryFinding } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-workload-power',
  title: "Workload's service account holds dangerous RBAC permissions",
  severity: 'high',
  category: 'rbac',
  description:
    "A pod runs with its service account's token mounted, so whoever compromises the pod (a vulnerable dependency, an exposed debug endpoint) holds every permission of that service account. This reports workloads whose service account can read secrets, create pods, exec into pods, escalate, bind, impersonate, mint tokens, reach nodes/proxy, approve certificates, write webhooks, persistent volumes or RBAC, or holds * on * or its read-and-write equivalent (critical): the power the workload inherits, and the binding that grants it. A rule limited by resourceNames gives power over the named objects only (get on two named secrets does not read secrets) and is not reported here.",
  remediation: 'Give the workload a service account with only the permissions it uses, or set automountServiceAccountToken: false when it does not call the API.',
  frameworks: { cis: ['5.1.6'], nsa: ['pod-security/service-account-tokens', 'authn-authz/rbac'], mitre: ['T1528'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const model = rbacModel(inventory);
    const out: InventoryFinding[] = [];
    for (const pod of inventory.podSpecs()) {
      const sa = workloadServiceAccount(inventory, pod);
      if (!sa.tokenMounted) continue;
      const key = `${sa.namespace}/${sa.name}`;
      const held = serviceAccountPowers(model, sa.namespace, sa.name);
      if (!held.powers.length) continue;
      out.push({
        object: pod.object,
        issue: {
          path: sa.path,
          message: `runs as ServiceAccount ${key} (token mounted), which can ${held.powers.map((p) => `${p.phrase} ${p.via}`).join('; ')}`,
          evidence: { found: sa.name, expected: 'a service account without these permissions, or automountServiceAccountToken: false' },
          ...(held.admin ? { severity: 'critical' as const } : {}),
        },
      });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: ServiceAccount
metadata: {name: reporter, namespace: shop}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-reader, namespace: shop}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reporter-secrets, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
subjects:
  - {kind: ServiceAccount, name: reporter}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reporter, namespace: shop}
spec:
  selector: {matchLabels: {app: reporter}}
  template:
    metadata: {labels: {app: reporter}}
    spec:
      serviceAccountName: reporter
      containers:
        - {name: app, image: registry.example.com/reporter:2.1}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-reader, namespace: shop}
rules:
  - {apiGroups: [""], resources: [secrets], verbs: [list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reporter-secrets, namespace: shop}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
subjects:
  - {kind: ServiceAccount, name: reporter}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: reporter, namespace: shop}
spec:
  selector: {matchLabels: {app: reporter}}
  template:
    metadata: {labels: {app: reporter}}
    spec:
      serviceAccountName: reporter
      automountServiceAccountToken: false
      containers:
        - {name: app, image: registry.example.com/reporter:2.1}
`,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: app, image: registry.example.com/web:2.1}
`,
    ],
  },
});
