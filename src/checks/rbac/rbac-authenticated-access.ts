import { ALL_SERVICE_ACCOUNTS, AUTHENTICATED, describeSubject } from '../../analysis/rbac/subjects.js';
import { defineCheck } from '../define.js';
import { roleRefText, scopeText, userBindings } from '../shared/rbac-bindings.js';

export default defineCheck({
  id: 'rbac-authenticated-access',
  title: 'Permissions granted to every authenticated user or every service account',
  severity: 'high',
  category: 'rbac',
  description:
    'The group system:authenticated holds every user and every service account token of the cluster (on managed clusters, often any account of the cloud provider); system:serviceaccounts holds every service account of every namespace. A role bound to them is held by every workload, so one compromised pod gets it.',
  remediation: 'Bind the role to the groups, users or service accounts that need it; for every service account of one namespace use system:serviceaccounts:<namespace>.',
  frameworks: { nsa: ['authn-authz/rbac'], mitre: ['T1078'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) =>
    userBindings(inventory).flatMap((b) =>
      b.subjects
        .filter((s) => s.kind === 'Group' && (s.name === AUTHENTICATED || s.name === ALL_SERVICE_ACCOUNTS))
        .map((s) => ({
          object: b.object,
          issue: { path: `/subjects/${s.index}`, message: `${describeSubject(s)} (${s.name === AUTHENTICATED ? 'every authenticated user and service account' : 'every service account'}) is given ${roleRefText(b)} ${scopeText(b)}`, evidence: { found: s.name, expected: 'specific subjects' } },
        })),
    ),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-reads-nodes}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
subjects:
  - {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team-sa-read, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: Group, name: "system:serviceaccounts:team-a", apiGroup: rbac.authorization.k8s.io}
`,
    ],
  },
});
