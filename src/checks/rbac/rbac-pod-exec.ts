import { POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-pod-exec',
  title: 'Role can exec into, attach to or port-forward to pods',
  severity: 'high',
  category: 'rbac',
  description:
    'create (or, over WebSockets, get) on pods/exec, pods/attach or pods/portforward opens a shell or a socket inside running containers: their service account tokens, mounted secrets and network position become the holder\'s. A rule limited with resourceNames reaches only bare Pods of those names.',
  remediation: 'Remove pods/exec, pods/attach and pods/portforward from roles used day to day; grant them just in time, in one namespace, to named debugging pods.',
  frameworks: { nsa: ['authn-authz/rbac'], mitre: ['T1609'], owasp: ['K03'] },
  aliases: { kubescape: ['C-0002'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [POWERS.execPods]),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pod-exec-role}
rules:
  - apiGroups: [""]
    resources: [pods/exec]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pod-exec-binding, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-exec-role}
subjects:
  - {kind: ServiceAccount, name: worker, namespace: team-a}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-exec-safe, namespace: team-a}
rules:
  - apiGroups: [""]
    resources: [pods, pods/log]
    verbs: [get]
`,
    ],
  },
});
