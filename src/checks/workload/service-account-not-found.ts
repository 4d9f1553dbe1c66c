import { defineCheck } from '../define.js';
import { effectiveNamespace } from '../../model/kinds.js';
import { serviceAccountName } from '../shared/service-account.js';

export default defineCheck({
  id: 'service-account-not-found',
  title: 'Pod names a ServiceAccount the input does not define',
  severity: 'low',
  category: 'workload',
  description:
    'A pod whose ServiceAccount does not exist is refused by the ServiceAccount admission plugin, so the ' +
    'workload never starts; and whoever creates an account of that name later decides what the pod may do. The ' +
    'check speaks only when the input holds at least one ServiceAccount other than `default` in the pod\'s namespace ' +
    '(so it has that namespace\'s accounts, not a partial input such as one chart of many) and never about ' +
    '`default`, which Kubernetes creates in every namespace.',
  remediation: 'Add the ServiceAccount to the manifests (with `automountServiceAccountToken: false` unless the pod calls the API), or fix the name in `serviceAccountName`.',
  frameworks: { nsa: ['authn-authz/rbac'] },
  aliases: { kubeLinter: ['non-existent-service-account'] },
  subject: 'pod',
  run: ({ pod, inventory, at }) => {
    const sa = serviceAccountName(pod);
    if (sa.name === 'default' || !sa.field) return [];
    const namespace = effectiveNamespace(pod.object);
    if (namespace === undefined || inventory.get('ServiceAccount', namespace, sa.name)) return [];
    // `default` is in every namespace (a live cluster always has it): only other accounts show that the input holds the namespace's.
    const accounts = inventory.byKind('ServiceAccount').filter((a) => effectiveNamespace(a) === namespace && a.name !== 'default');
    if (accounts.length === 0) return [];
    return [
      at(sa.field, `the pod runs as ServiceAccount ${sa.name}, which the input does not define in namespace ${namespace} (it defines ${accounts.slice(0, 3).map((a) => a.name).join(', ')}${accounts.length > 3 ? ', …' : ''})`, {
        found: sa.name,
        expected: 'a ServiceAccount defined in the same namespace',
      }),
    ];
  },
  vap: { unsupported: 'needs the ServiceAccount to be among the objects (cross-object)' },
  examples: {
    fail: [
      {
        yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  selector:
    matchLabels: {app: worker}
  template:
    metadata:
      labels: {app: worker}
    spec:
      serviceAccountName: wroker
      containers:
        - name: worker
          image: registry.example.com/worker:1.0.0
`,
        path: '/spec/template/spec/serviceAccountName',
      },
    ],
    pass: [
      `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: billing
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: api
  namespace: shop
---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
spec:
  serviceAccountName: api
  containers:
    - name: api
      image: registry.example.com/api:1.0.0
---
apiVersion: v1
kind: Pod
metadata:
  name: other
  namespace: billing
spec:
  serviceAccountName: billing-runner
  containers:
    - name: api
      image: registry.example.com/api:1.0.0
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  serviceAccountName: default
  containers:
    - name: web
      image: registry.example.com/web:1.0.0
`,
    ],
  },
});
