import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-pv-create',
  title: 'Role can create persistent volumes',
  severity: 'high',
  category: 'rbac',
  description:
    'A PersistentVolume can be a hostPath on a node: whoever creates one (and a claim for it) can mount the node\'s filesystem into a pod.',
  remediation: 'Let storage provisioners create PersistentVolumes; give users PersistentVolumeClaims on storage classes instead.',
  frameworks: { cis: ['5.1.9'], nsa: ['authn-authz/rbac'], mitre: ['T1611'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.createPersistentVolumes]),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pv-create-role}
rules:
  - apiGroups: [""]
    resources: [persistentvolumes]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pv-create-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pv-create-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pv-create-safe, namespace: team-a}
rules:
  - apiGroups: [""]
    resources: [persistentvolumeclaims]
    verbs: [create]
`,
    ],
  },
});
