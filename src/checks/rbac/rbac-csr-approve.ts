import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-csr-approve',
  title: 'Role can approve certificate signing requests',
  severity: 'high',
  category: 'rbac',
  description:
    'approve on certificates.k8s.io signers lets a holder approve certificate signing requests for those signers; for kubernetes.io/kube-apiserver-client that is a client certificate for any user and group, system:masters included.',
  remediation: 'Keep CSR approval with the controller manager; grant approve only on the exact signer names a component needs.',
  frameworks: { cis: ['5.1.11'], nsa: ['authn-authz/rbac'], mitre: ['T1078'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.approveCsr]),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: csr-approve-role}
rules:
  - apiGroups: [certificates.k8s.io]
    resources: [signers]
    verbs: [approve]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: csr-approve-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: csr-approve-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: csr-approve-safe, namespace: team-a}
rules:
  - apiGroups: [certificates.k8s.io]
    resources: [certificatesigningrequests]
    verbs: [get, list]
`,
    ],
  },
});
