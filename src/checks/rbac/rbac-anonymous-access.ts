import { ANONYMOUS, describeSubject, UNAUTHENTICATED } from '../../analysis/rbac/subjects.js';
import { defineCheck } from '../define.js';
import { roleRefText, scopeText, userBindings } from '../shared/rbac-bindings.js';

export default defineCheck({
  id: 'rbac-anonymous-access',
  title: 'Permissions granted to anonymous requests',
  severity: 'critical',
  category: 'rbac',
  description:
    'A binding to the user system:anonymous or the group system:unauthenticated grants its role to every request that carries no credentials, from anyone who can reach the API server. The API server\'s defaults already give anonymous requests the health and version endpoints; anything more is exposed to the network.',
  remediation: 'Delete the binding, or bind the role to authenticated subjects that need it. Consider disabling anonymous authentication (--anonymous-auth=false, or an AuthenticationConfiguration limiting it to health endpoints).',
  frameworks: { nsa: ['authn-authz/authentication', 'authn-authz/rbac'], mitre: ['T1078'], owasp: ['K03', 'K06'] },
  subject: 'inventory',
  run: ({ inventory }) =>
    userBindings(inventory).flatMap((b) =>
      b.subjects
        .filter((s) => (s.kind === 'User' && s.name === ANONYMOUS) || (s.kind === 'Group' && s.name === UNAUTHENTICATED))
        .map((s) => ({
          object: b.object,
          issue: { path: `/subjects/${s.index}`, message: `${describeSubject(s)} (any unauthenticated request) is given ${roleRefText(b)} ${scopeText(b)}`, evidence: { found: s.name, expected: 'no bindings for anonymous requests' } },
        })),
    ),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: public-read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: Group, name: "system:unauthenticated", apiGroup: rbac.authorization.k8s.io}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: team-read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: Group, name: readers, apiGroup: rbac.authorization.k8s.io}
`,
    ],
  },
});
