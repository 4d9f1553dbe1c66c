import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-token-create',
  title: 'Role can create service account tokens',
  severity: 'high',
  category: 'rbac',
  description:
    'create on serviceaccounts/token mints a token for any service account in scope (or the named ones): the holder becomes those service accounts, with all their permissions.',
  remediation: 'Grant serviceaccounts/token create only to the components that issue tokens, limited with resourceNames to the service accounts they serve.',
  frameworks: { cis: ['5.1.13'], nsa: ['authn-authz/rbac'], mitre: ['T1528'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.createTokens]),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: token-create-role}
rules:
  - apiGroups: [""]
    resources: [serviceaccounts/token]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: token-create-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: token-create-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: token-create-safe, namespace: team-a}
rules:
  - apiGroups: [""]
    resources: [serviceaccounts]
    verbs: [get, list]
`,
    ],
  },
});
