import { defineCheck } from '../define.js';
import { serviceAccountName, tokenDecision } from '../shared/service-account.js';

export default defineCheck({
  id: 'default-service-account',
  title: 'Pod runs as the namespace\'s default ServiceAccount',
  severity: 'low',
  category: 'workload',
  description:
    'Every pod that names no ServiceAccount runs as "default", so whatever permission anyone ever grants to the ' +
    'default account (often by accident, for one workload) every pod in the namespace gets, and audit logs cannot ' +
    'tell the workloads apart. Pods that do not mount the API token (pod spec or ServiceAccount ' +
    '`automountServiceAccountToken: false`) cannot use the account and are not reported.',
  remediation:
    'Create a ServiceAccount per workload, set `serviceAccountName`, and grant it only what it needs; leave the ' +
    'default account without bindings and with `automountServiceAccountToken: false`.',
  frameworks: {
    cis: ['5.1.5'],
    nsa: ['authn-authz/rbac'],
    mitre: ['T1078.001'],
    owasp: ['K03'],
  },
  aliases: { kubeLinter: ['default-service-account'] },
  subject: 'pod',
  run: ({ pod, inventory, at }) => {
    const sa = serviceAccountName(pod);
    if (sa.name !== 'default' || !tokenDecision(pod, inventory).mounted) return [];
    const message = sa.field
      ? `the pod sets ${sa.field}: default and mounts its API token`
      : 'the pod names no ServiceAccount, so it runs as "default" with its API token mounted';
    return [at(sa.field ?? 'serviceAccountName', message, { found: 'default', expected: 'a dedicated ServiceAccount' })];
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
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
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  serviceAccountName: default
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
`,
      `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: tools
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata:
  name: tool
  namespace: tools
spec:
  containers:
    - name: tool
      image: registry.example.com/tool:1.0.0
`,
    ],
  },
});
