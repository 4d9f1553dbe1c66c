import { isClusterAdminRule } from '../../analysis/rbac/powers.js';
import { describeSubject } from '../../analysis/rbac/subjects.js';
import { defineCheck } from '../define.js';
import { roleRefText, scopeText, userBindings } from '../shared/rbac-bindings.js';

/** The API server's own identities: system:* users and groups, and kube-system's service accounts. */
function isSystemSubject(s: { kind: string; name: string; namespace?: string }): boolean {
  return s.kind === 'ServiceAccount' ? s.namespace === 'kube-system' : s.name.startsWith('system:');
}

export default defineCheck({
  id: 'rbac-cluster-admin-binding',
  title: 'cluster-admin (or an equivalent role) bound to a non-system subject',
  severity: 'critical',
  category: 'rbac',
  description:
    'A binding to cluster-admin, or to any role with `*` verbs on `*` resources in `*` apiGroups, gives its subjects every permission: with a ClusterRoleBinding in every namespace and on cluster-scoped objects, with a RoleBinding over the whole namespace. Only the API server\'s own identities (system:masters, kube-system components) need that.',
  remediation: 'Bind people and workloads to roles with the permissions they use (admin, edit, view, or a custom role) and keep cluster-admin for break-glass access through system:masters.',
  frameworks: { cis: ['5.1.1'], nsa: ['authn-authz/rbac'], mitre: ['T1078'], owasp: ['K03'] },
  aliases: { kubeLinter: ['cluster-admin-role-binding'] },
  subject: 'inventory',
  run: ({ inventory }) =>
    userBindings(inventory).flatMap((b) => {
      const equivalent = b.role?.rules.some((r) => isClusterAdminRule(r.rule)) === true;
      if (!(b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin') && !equivalent) return [];
      const what = b.roleRef.name === 'cluster-admin' ? 'cluster-admin' : `${roleRefText(b)}, which holds * on * like cluster-admin,`;
      return b.subjects.filter((s) => !isSystemSubject(s)).map((s) => ({
        object: b.object,
        issue: {
          path: `/subjects/${s.index}`,
          message: `${describeSubject(s)} is given ${what} ${scopeText(b)}`,
          evidence: { found: b.roleRef.name, expected: 'a role with only the permissions needed' },
          ...(b.kind === 'RoleBinding' ? { severity: 'high' as const } : {}),
        },
      }));
    }),
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: ServiceAccount, name: deployer, namespace: ci}
  - {kind: Group, name: "system:masters", apiGroup: rbac.authorization.k8s.io}
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: god-mode}
rules:
  - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: team-gods, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: god-mode}
subjects:
  - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-edit, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects:
  - {kind: ServiceAccount, name: deployer, namespace: ci}
`,
    ],
  },
});
