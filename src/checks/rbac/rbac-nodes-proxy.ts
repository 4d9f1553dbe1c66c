import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-nodes-proxy',
  title: 'Role can reach the kubelet API through nodes/proxy',
  severity: 'high',
  category: 'rbac',
  description:
    'nodes/proxy forwards requests to the kubelet API of any node: with it a holder can run commands in every pod of a node, bypassing pods/exec authorization and audit logging of the command.',
  remediation: 'Grant nodes/proxy only to monitoring that cannot use the metrics endpoints instead; prefer nodes/metrics and nodes/stats.',
  frameworks: { cis: ['5.1.10'], nsa: ['authn-authz/rbac'], mitre: ['T1609'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.nodesProxy]),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: nodes-proxy-role}
rules:
  - apiGroups: [""]
    resources: [nodes/proxy]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: nodes-proxy-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: nodes-proxy-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: nodes-proxy-safe, namespace: team-a}
rules:
  - apiGroups: [""]
    resources: [nodes/metrics, nodes/stats]
    verbs: [get]
`,
    ],
  },
});
