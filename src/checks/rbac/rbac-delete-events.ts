import { MORE_POWERS } from '../../analysis/rbac/powers.js';
import { defineCheck } from '../define.js';
import { powerFindings } from '../shared/rbac-rules.js';

export default defineCheck({
  id: 'rbac-delete-events',
  title: 'Role can delete events',
  severity: 'medium',
  category: 'rbac',
  description:
    'Events record what happened in a namespace: pods started and killed, images pulled, probes failing, scheduling and admission decisions. A holder of delete or deletecollection on events (core or events.k8s.io) can erase that trail after acting, so the operators reading `kubectl get events` see nothing. Nothing in a cluster needs to delete events: the API server expires them itself.',
  remediation: 'Remove delete and deletecollection on events from the role; let events expire (the API server\'s --event-ttl), and keep an audit log for what must outlive them.',
  frameworks: { nsa: ['authn-authz/rbac', 'logging/audit'], mitre: ['T1070'], owasp: ['K03'] },
  aliases: { kubescape: ['C-0031'] },
  subject: 'inventory',
  run: ({ inventory }) => powerFindings(inventory, [MORE_POWERS.deleteEvents], undefined, { openOnly: true }),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: event-janitor}
rules:
  - apiGroups: ["", events.k8s.io]
    resources: [events]
    verbs: [get, list, delete, deletecollection]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: event-janitor}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: event-janitor}
subjects:
  - {kind: ServiceAccount, name: janitor, namespace: ops}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: event-recorder}
rules:
  - apiGroups: ["", events.k8s.io]
    resources: [events]
    verbs: [create, patch, update, get, list, watch]
`,
    ],
  },
});
