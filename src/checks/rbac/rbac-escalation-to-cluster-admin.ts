import { isBootstrapDefault } from '../../analysis/rbac/defaults.js';
import { CLUSTER_ADMIN, nodeLabel, type Edge } from '../../analysis/rbac/escalation-graph.js';
import { rbacModel } from '../../analysis/rbac/model.js';
import { escalationPaths } from '../../analysis/rbac/paths.js';
import { isClusterAdminRule } from '../../analysis/rbac/powers.js';
import { MASTERS } from '../../analysis/rbac/subjects.js';
import { defineCheck } from '../define.js';
import type { InventoryFinding } from '../shared/rbac-rules.js';

/** A path the scan reports: it starts with a grant of a binding a user wrote, and is more than holding * on * (rbac-cluster-admin-binding's). */
function reported(hops: Edge[]): Edge | undefined {
  const first = hops[0]!;
  if (!first.grant || isBootstrapDefault(first.grant.binding.object.labels)) return undefined;
  if (hops.length === 1 && isClusterAdminRule(first.grant.ref.rule)) return undefined;
  return first;
}

const steps = (hops: Edge[]) => hops.map((h, i) => `(${i + 1}) ${h.how}${h.to === CLUSTER_ADMIN || h.to.startsWith('any-') ? '' : ` [${nodeLabel(h.to)}]`}`).join('; ');

export default defineCheck({
  id: 'rbac-escalation-to-cluster-admin',
  title: 'Subject can make itself cluster-admin (RBAC escalation path)',
  severity: 'critical',
  category: 'rbac',
  description:
    'The RBAC escalation analysis (`kubeward rbac paths`) follows every "can become" step a subject\'s bindings allow: creating pods or workloads as another service account of the namespace, minting a token for one, reading a legacy token Secret, exec into a pod that runs as one, impersonating users, groups or service accounts, binding cluster-admin and creating a ClusterRoleBinding, escalating a ClusterRole it is bound to, approving a kube-apiserver-client certificate for system:masters, reaching the kubelet through nodes/proxy. When the steps end at cluster-admin (or its read-and-write equivalent), the subject is cluster-admin in all but name. This reports that once per subject, at the binding that grants the first step, naming every step; the findings for each step (rbac-create-pods, rbac-token-create, rbac-escalate-bind-impersonate, ...) stay. Subjects bound to cluster-admin themselves are rbac-cluster-admin-binding\'s; the API server\'s own bootstrap bindings are left out.',
  remediation: 'Break the path at its first step (the binding named here): give the subject only the permissions it uses, or remove the power the next step needs (a token mounted where it is not used, a cluster-admin binding to a service account other subjects can become). `kubeward rbac paths` shows every hop with its evidence.',
  frameworks: { cis: ['5.1.1', '5.1.8'], nsa: ['authn-authz/rbac'], mitre: ['T1098.006', 'T1078'], owasp: ['K03'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const model = rbacModel(inventory);
    if (!model.bindings.length) return [];
    const r = escalationPaths(model);
    const out: InventoryFinding[] = [];
    for (const p of [...r.direct, ...r.paths]) {
      if (p.from === `Group:${MASTERS}`) continue;
      const first = reported(p.hops);
      if (!first) continue;
      const g = first.grant!;
      out.push({
        object: g.binding.object,
        issue: {
          path: `/subjects/${g.subject.index}`,
          message: `${nodeLabel(p.from)} can make itself cluster-admin in ${p.hops.length} step${p.hops.length > 1 ? 's' : ''}: ${steps(p.hops)}`,
          evidence: { found: p.hops.map((h) => h.to).join(' → '), expected: 'no path from this subject to cluster-admin' },
        },
      });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: token-minter}
rules:
  - apiGroups: [""]
    resources: [serviceaccounts/token]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-tokens, namespace: kube-system}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: token-minter}
subjects:
  - {kind: ServiceAccount, name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: addon-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: ServiceAccount, name: addon-manager, namespace: kube-system}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: token-minter}
rules:
  - apiGroups: [""]
    resources: [serviceaccounts/token]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-tokens, namespace: ci}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: token-minter}
subjects:
  - {kind: ServiceAccount, name: deployer, namespace: ci}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: addon-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: ServiceAccount, name: addon-manager, namespace: kube-system}
`,
    ],
  },
});
