import { displayBinding } from '../../analysis/rbac/bindings.js';
import { defineCheck } from '../define.js';
import { userBindings } from '../shared/rbac-bindings.js';

export default defineCheck({
  id: 'rbac-missing-role',
  title: 'Binding refers to a role that does not exist (or cannot be bound)',
  severity: 'medium',
  category: 'rbac',
  description:
    'A RoleBinding or ClusterRoleBinding whose roleRef names a role that is not in the input grants nothing today, and grants whatever a role created later under that name holds: whoever can create that role decides what the subjects get. A roleRef of another kind or API group, or a ClusterRoleBinding to a Role, is never honoured. The default roles every cluster has (view, edit, admin, system:*) are not reported.',
  remediation: 'Create the role next to its binding, fix the roleRef\'s name, kind or apiGroup, or delete the binding.',
  frameworks: { nsa: ['authn-authz/rbac'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) =>
    userBindings(inventory).flatMap((b) => {
      if (!b.unresolved || b.unresolved.reason === 'default-not-in-inventory') return [];
      const field = b.unresolved.reason === 'missing' ? '/roleRef/name' : '/roleRef';
      return [{ object: b.object, issue: { path: field, message: `${displayBinding(b)}: ${b.unresolved.message}`, evidence: { found: b.roleRef.name, expected: 'a role that exists' } } }];
    }),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: legacy-access, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: legacy-reader}
subjects:
  - {kind: User, name: carol, apiGroup: rbac.authorization.k8s.io}
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: wrong-kind}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
  - {kind: User, name: carol, apiGroup: rbac.authorization.k8s.io}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: legacy-reader, namespace: team-a}
rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: legacy-access, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: legacy-reader}
subjects:
  - {kind: User, name: carol, apiGroup: rbac.authorization.k8s.io}
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: Group, name: team-a, apiGroup: rbac.authorization.k8s.io}
`,
    ],
  },
});
