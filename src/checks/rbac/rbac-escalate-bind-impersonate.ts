import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-escalate-bind-impersonate',
  title: 'Role can escalate, bind or impersonate',
  severity: 'high',
  category: 'rbac',
  description:
    'escalate lets a holder write roles with permissions it does not have; bind lets it bind roles it does not hold; impersonate lets it act as another user, group or service account. Each one bypasses RBAC\'s protection against privilege escalation.',
  remediation: 'Remove escalate, bind and impersonate from every role except a break-glass administrator; where needed, limit them with resourceNames.',
  frameworks: { cis: ['5.1.8'], nsa: ['authn-authz/rbac'], mitre: ['T1098.006', 'T1078'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.escalate, POWERS.bind, POWERS.impersonate]),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: escalate-bind-impersonate-role}
rules:
  - apiGroups: [""]
    resources: [users, groups]
    verbs: [impersonate]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: escalate-bind-impersonate-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: escalate-bind-impersonate-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: escalate-bind-impersonate-safe, namespace: team-a}
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [roles]
    verbs: [get, list]
`,
    ],
  },
});
