import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { clusterWide, powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-create-pods',
  title: 'Role can create pods or pod-creating workloads',
  severity: 'high',
  category: 'rbac',
  description:
    'Whoever can create a pod (directly, or through a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob or ReplicationController) in a namespace can run it as any service account of that namespace and mount any of its secrets: the permission is worth every other permission held in that namespace.',
  remediation: 'Limit pod and workload creation to deployment pipelines and controllers; give people read access and deploy through a reviewed pipeline.',
  frameworks: { cis: ['5.1.4'], nsa: ['authn-authz/rbac'], mitre: ['T1610'], owasp: ['K03'] },
  aliases: { kubeLinter: ['access-to-create-pods'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.createPods], ({ bindings }) => (clusterWide(bindings) ? 'critical' : undefined)),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: create-pods-role}
rules:
  - apiGroups: [apps]
    resources: [deployments]
    verbs: [create, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: create-pods-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: create-pods-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: create-pods-safe, namespace: team-a}
rules:
  - apiGroups: [apps]
    resources: [deployments]
    verbs: [get, list, watch]
`,
    ],
  },
});
