import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-webhook-write',
  title: 'Role can write admission webhook configurations',
  severity: 'high',
  category: 'rbac',
  description:
    'Writing a mutating or validating webhook configuration lets a holder intercept (and with a mutating webhook, rewrite) every object sent to the API server, or remove the admission controls that guard it.',
  remediation: 'Limit create, update, patch and delete on webhook configurations to cluster administrators and the operators that own them, with resourceNames.',
  frameworks: { cis: ['5.1.12'], nsa: ['authn-authz/rbac'], mitre: ['T1562.001'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.writeWebhooks]),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: webhook-write-role}
rules:
  - apiGroups: [admissionregistration.k8s.io]
    resources: [mutatingwebhookconfigurations]
    verbs: [create, patch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: webhook-write-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-write-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: webhook-write-safe, namespace: team-a}
rules:
  - apiGroups: [admissionregistration.k8s.io]
    resources: [mutatingwebhookconfigurations]
    verbs: [get, list]
`,
    ],
  },
});
