import { describeSubject } from '../../analysis/rbac/subjects.js';
import { defineCheck } from '../define.js';
import { roleRefText, scopeText, userBindings } from '../shared/rbac-bindings.js';

export default defineCheck({
  id: 'rbac-default-service-account',
  title: 'Permissions granted to a default service account',
  severity: 'medium',
  category: 'rbac',
  description:
    'Every pod that names no service account runs as its namespace\'s `default` service account. A role bound to `default` is therefore held by every such pod, including ones deployed later by people who never asked for it.',
  remediation: 'Create a dedicated service account for the workload that needs the role, bind the role to it, and set serviceAccountName in that workload. Leave `default` without bindings.',
  frameworks: { cis: ['5.1.5'], nsa: ['authn-authz/rbac'], mitre: ['T1078.001'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) =>
    userBindings(inventory).flatMap((b) =>
      b.subjects
        .filter((s) => s.kind === 'ServiceAccount' && s.name === 'default')
        .map((s) => ({
          object: b.object,
          issue: { path: `/subjects/${s.index}`, message: `${describeSubject(s)} (every pod of ${s.namespace} that names no service account) is given ${roleRefText(b)} ${scopeText(b)}`, evidence: { found: 'default', expected: 'a dedicated service account' } },
        })),
    ),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: default-edit, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
  - {kind: ServiceAccount, name: default}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: builder-edit, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
  - {kind: ServiceAccount, name: builder}
`,
    ],
  },
});
