import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { clusterWide, powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-secrets-read',
  title: 'Role can read secrets',
  severity: 'medium',
  category: 'rbac',
  description:
    'A rule that allows get, list or watch on secrets lets its holders read every credential in scope: service account tokens, TLS keys, database passwords. list and watch return the secrets\' contents just as get does. A rule limited by `resourceNames` reads only the named secrets (list and watch with names serve only requests that name one of them) and passes. Bound by a ClusterRoleBinding it reaches every namespace (high); by RoleBindings, the secrets of those namespaces (medium).',
  remediation: 'Grant secret access only to the workloads that need it, with `resourceNames` naming the secrets, in a Role of their own namespace; never list/watch on secrets.',
  frameworks: { cis: ['5.1.2'], nsa: ['authn-authz/rbac'], mitre: ['T1552.007'], owasp: ['K03', 'K08'] },
  aliases: { kubeLinter: ['access-to-secrets'], kubescape: ['C-0015'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.readSecrets], ({ bindings }) => (clusterWide(bindings) ? 'high' : undefined), { openOnly: true }),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secrets-read-role}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: secrets-read-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secrets-read-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secrets-read-safe, namespace: team-a}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list]
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read-named-secrets, namespace: web}
rules:
  - apiGroups: [""]
    resources: [secrets]
    resourceNames: [web-tls, web-db]
    verbs: [get, watch]
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read-own-secret, namespace: web}
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [create]
`,
    ],
  },
});
