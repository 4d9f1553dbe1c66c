import { fullPower } from '../../analysis/rbac/powers.js';
import { describeSubject } from '../../analysis/rbac/subjects.js';
import { defineCheck } from '../define.js';
import { roleRefText, scopeText, userBindings } from '../shared/rbac-bindings.js';

/**
 * The API server's own identities: system:* users and groups (the groups every service account or
 * user is in are rbac-authenticated-access's and rbac-anonymous-access's to report).
 */
function isSystemSubject(s: { kind: string; name: string }): boolean {
  return s.kind !== 'ServiceAccount' && s.name.startsWith('system:');
}

/**
 * kube-system's service accounts: add-ons there (CNIs, Tiller, cluster tools) are sometimes given
 * cluster-admin by design, but none of the control plane's own components needs it (they run as
 * system:* users or through the bootstrap controller roles). Reported one level lower, not skipped.
 */
const inKubeSystem = (s: { kind: string; namespace?: string }) => s.kind === 'ServiceAccount' && s.namespace === 'kube-system';

export default defineCheck({
  id: 'rbac-cluster-admin-binding',
  title: 'cluster-admin (or an equivalent role) bound to a non-system subject',
  severity: 'critical',
  category: 'rbac',
  description:
    'A binding to cluster-admin, or to any role with `*` verbs on `*` resources in `*` apiGroups, gives its subjects every permission. A rule that lists get, list, watch, create, update, patch and delete on `*` resources in `*` apiGroups is cluster-admin-equivalent too: it lacks escalate, bind and impersonate, but reading every secret and creating pods as any service account or tokens for it (`*` includes `serviceaccounts/token`) reaches cluster-admin in one step: with a ClusterRoleBinding in every namespace and on cluster-scoped objects, with a RoleBinding over the whole namespace. Only the API server\'s own identities (system:masters, system:* users) need that; a kube-system service account is reported one level lower (high; medium through a RoleBinding), since add-ons there are sometimes given it by design.',
  remediation: 'Bind people and workloads to roles with the permissions they use (admin, edit, view, or a custom role) and keep cluster-admin for break-glass access through system:masters.',
  frameworks: { cis: ['5.1.1'], nsa: ['authn-authz/rbac'], mitre: ['T1078'], owasp: ['K03'] },
  aliases: { kubeLinter: ['cluster-admin-role-binding'] },
  subject: 'inventory',
  run: ({ inventory }) =>
    userBindings(inventory).flatMap((b) => {
      const kinds = new Set((b.role?.rules ?? []).map((r) => fullPower(r.rule)));
      const equivalent = kinds.has('wildcard') ? 'wildcard' : kinds.has('read-write') ? 'read-write' : undefined;
      if (!(b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin') && !equivalent) return [];
      const what = b.roleRef.kind === 'ClusterRole' && b.roleRef.name === 'cluster-admin' ? 'cluster-admin'
        : equivalent === 'wildcard' ? `${roleRefText(b)}, which holds * on * like cluster-admin,`
        : `${roleRefText(b)}, which can read and write every resource (get, list, watch, create, update, patch, delete on * in every API group: cluster-admin-equivalent),`;
      return b.subjects.filter((s) => !isSystemSubject(s)).map((s) => ({
        object: b.object,
        issue: {
          path: `/subjects/${s.index}`,
          message: `${describeSubject(s)} is given ${what} ${scopeText(b)}${inKubeSystem(s) ? ' (a kube-system service account: check the add-on needs every permission)' : ''}`,
          evidence: { found: b.roleRef.name, expected: 'a role with only the permissions needed' },
          ...(b.kind === 'RoleBinding' && inKubeSystem(s) ? { severity: 'medium' as const } : b.kind === 'RoleBinding' || inKubeSystem(s) ? { severity: 'high' as const } : {}),
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
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform-operator}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: [get, list, watch, create, update, patch, delete, deletecollection]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform-operator}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform-operator}
subjects:
  - {kind: ServiceAccount, name: operator, namespace: platform}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: platform-reader}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: platform-reader}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform-reader}
subjects:
  - {kind: ServiceAccount, name: operator, namespace: platform}
`,
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
