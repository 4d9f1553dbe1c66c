import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'deprecated-service-account-field',
  title: 'Pod uses the deprecated serviceAccount field',
  severity: 'low',
  category: 'workload',
  description:
    '`spec.serviceAccount` is the deprecated alias of `spec.serviceAccountName`, kept for old clients. The API ' +
    'server copies one to the other only when the second is empty, so a manifest that sets both to different ' +
    'names runs as `serviceAccountName` while reviewers (and tools that read the old field) see the other: the ' +
    'identity, and so the RBAC power, of the pod is not what it seems. Both fields set to the same name are not ' +
    'reported: the API server writes both on every pod it stores, so live objects always look like that.',
  remediation: 'Replace `serviceAccount` with `serviceAccountName` (keeping the name that should run), and remove the old field.',
  frameworks: {},
  aliases: { kubeLinter: ['deprecated-service-account-field'] },
  subject: 'pod',
  run: ({ pod, at }) => {
    const old = pod.spec.serviceAccount;
    if (typeof old !== 'string' || old === '') return [];
    const current = pod.spec.serviceAccountName;
    if (current === old) return [];
    const message = typeof current === 'string' && current !== '' && current !== old
      ? `the pod sets the deprecated serviceAccount: ${old}, but runs as serviceAccountName: ${current}`
      : `the pod names its ServiceAccount (${old}) with the deprecated serviceAccount field`;
    return [at('serviceAccount', message, { found: `serviceAccount: ${old}`, expected: 'serviceAccountName' })];
  },
  fix: ({ pod, path }) => {
    const old = pod.spec.serviceAccount;
    const current = pod.spec.serviceAccountName;
    if (typeof old !== 'string' || old === '' || current === old) return [];
    return typeof current === 'string' && current !== ''
      ? [{ op: 'remove', path: path('serviceAccount') }]
      : [{ op: 'add', path: path('serviceAccountName'), value: old }, { op: 'remove', path: path('serviceAccount') }];
  },
  examples: {
    fail: [
      {
        yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      serviceAccount: api
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
        path: '/spec/template/spec/serviceAccount',
        line: 12,
      },
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  serviceAccount: web
  serviceAccountName: admin
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  serviceAccountName: web
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: as-stored
spec:
  serviceAccountName: web
  serviceAccount: web
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
  },
});
