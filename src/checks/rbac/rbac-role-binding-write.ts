import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { clusterWide, powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-role-binding-write',
  title: 'Role can create or change roles and bindings',
  severity: 'medium',
  category: 'rbac',
  description:
    'Writing Roles, ClusterRoles, RoleBindings or ClusterRoleBindings lets a holder hand out every permission it already holds (and, with bind or escalate, more) to anyone, and change who is bound to what.',
  remediation: 'Keep RBAC writes with cluster administrators and GitOps pipelines; delegate a namespace with a RoleBinding to the admin ClusterRole, not with RBAC writes cluster-wide.',
  frameworks: { nsa: ['authn-authz/rbac'], mitre: ['T1098.006'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.writeRbac], ({ bindings }) => (clusterWide(bindings) ? 'high' : undefined)),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: role-binding-write-role}
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [rolebindings]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: role-binding-write-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: role-binding-write-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: role-binding-write-safe, namespace: team-a}
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [rolebindings]
    verbs: [get, list]
`,
    ],
  },
});
