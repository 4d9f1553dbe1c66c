import { rbacModel } from '../../analysis/rbac/model.js';
import { isClusterAdminRule } from '../../analysis/rbac/powers.js';
import { ruleAllows } from '../../analysis/rbac/rule.js';
import { defineCheck } from '../define.js';
import { reach, roleTitle, userRoles, type InventoryFinding } from '../shared/rbac-rules.js';

const KUBE_SYSTEM = 'kube-system';
const COREDNS = 'coredns';

export default defineCheck({
  id: 'rbac-coredns-config-write',
  title: 'Role can rewrite the cluster DNS configuration (coredns ConfigMap)',
  severity: 'high',
  category: 'rbac',
  description:
    'CoreDNS reads its Corefile from the ConfigMap `coredns` in kube-system and reloads it on change. A holder of update or patch on that ConfigMap (a rule on configmaps without resourceNames, or naming coredns, that applies in kube-system) can add a `rewrite` or `hosts` entry and answer any name in the cluster with an address it controls: every pod\'s traffic to a service, a registry or an identity provider goes to the attacker. Reported for Roles in kube-system and for ClusterRoles bound cluster-wide or in kube-system (an unbound ClusterRole reaches nothing).',
  remediation: 'Grant update and patch on configmaps in kube-system only to the cluster\'s DNS operator, and give other components a Role in their own namespace or `resourceNames` that leave out coredns.',
  frameworks: { nsa: ['authn-authz/rbac'], mitre: ['T1557'], owasp: ['K03'] },
  aliases: { kubescape: ['C-0037'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const model = rbacModel(inventory);
    const out: InventoryFinding[] = [];
    for (const role of userRoles(model)) {
      if (role.kind === 'Role' && role.namespace !== KUBE_SYSTEM) continue;
      let who: ReturnType<typeof reach> | undefined;
      for (const ref of role.rules) {
        // * on * is reported once, by rbac-cluster-admin-binding and rbac-wildcard.
        if (isClusterAdminRule(ref.rule)) continue;
        const verbs = ['update', 'patch'].filter((verb) => ruleAllows(ref.rule, { kind: 'resource', verb, group: '', resource: 'configmaps', subresource: '', name: COREDNS, namespace: KUBE_SYSTEM }));
        if (!verbs.length) continue;
        who ??= reach(model, role);
        // A binding without subjects (a Kustomize base whose overlay adds them) grants no one yet.
        if (role.kind === 'ClusterRole' && !who.bindings.some((b) => b.subjects.length > 0 && (b.namespace === undefined || b.namespace === KUBE_SYSTEM))) continue;
        const named = ref.rule.resourceNames.length ? ' (the rule names coredns)' : ' (no resourceNames: every ConfigMap there)';
        out.push({
          object: role.object,
          issue: {
            path: `/rules/${ref.index}`,
            message: `${roleTitle(role)} can ${verbs.join(' and ')} ConfigMap kube-system/coredns${named}, the cluster's DNS configuration; ${who.text}`,
            evidence: { found: `${verbs.join(', ')} configmaps in kube-system`, expected: 'no write access to kube-system/coredns outside the DNS operator' },
          },
        });
      }
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: config-editor, namespace: kube-system}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, update, patch]
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: configmap-sync}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list, watch, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: configmap-sync}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: configmap-sync}
subjects:
  - {kind: ServiceAccount, name: sync, namespace: tools}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: leader-election, namespace: kube-system}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    resourceNames: [my-operator-lock]
    verbs: [get, update, patch]
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: config-editor, namespace: shop}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, update, patch]
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: configmap-sync}
rules:
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: configmap-sync, namespace: tools}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: configmap-sync}
subjects:
  - {kind: ServiceAccount, name: sync, namespace: tools}
`,
    ],
  },
});
