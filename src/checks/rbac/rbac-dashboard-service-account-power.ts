import { ALL_POWERS, fullPower, fullPowerPhrase, rulePower } from '../../analysis/rbac/powers.js';
import type { BindingInfo } from '../../analysis/rbac/bindings.js';
import { describeSubject } from '../../analysis/rbac/subjects.js';
import { defineCheck } from '../define.js';
import { roleRefText, scopeText, userBindings } from '../shared/rbac-bindings.js';
import type { InventoryFinding } from '../shared/rbac-rules.js';

/** The Kubernetes dashboard's service accounts: `kubernetes-dashboard`, and the chart's `<release>-kubernetes-dashboard[-api|-web|...]`. */
export const isDashboardAccount = (name: string): boolean => /(^|-)kubernetes-dashboard($|-)/.test(name);

/** Default roles that are strong by name when the input lacks their rules. */
const STRONG_DEFAULTS: Record<string, string> = { 'cluster-admin': 'do anything (* on *)', admin: 'administer namespaces (admin)', edit: 'read secrets and run workloads (edit)' };

/** What the binding's role lets its holder do that the dashboard never needs: full power, or the dangerous powers for any object name. */
function strongPowers(b: BindingInfo): string[] {
  if (!b.role) return b.roleRef.kind === 'ClusterRole' && STRONG_DEFAULTS[b.roleRef.name] ? [STRONG_DEFAULTS[b.roleRef.name]!] : [];
  const full = b.role.rules.map((r) => fullPower(r.rule)).find((k) => k !== undefined);
  if (full) return [fullPowerPhrase(full)];
  return ALL_POWERS.filter((p) => b.role!.rules.some((r) => {
    const m = rulePower(r.rule, p);
    return m !== undefined && !m.onlyNames;
  })).map((p) => p.phrase);
}

export default defineCheck({
  id: 'rbac-dashboard-service-account-power',
  title: "Kubernetes dashboard's service account holds strong RBAC permissions",
  severity: 'high',
  category: 'rbac',
  description:
    "The Kubernetes dashboard calls the API as its own service account for anything its users do not log in for, and anyone who reaches its web page (an Ingress, a LoadBalancer, `kubectl proxy`, the services/proxy path, or a pod next to it) acts with that account's permissions. Its own manifests give it a Role over its settings and metrics only. This reports bindings that give a dashboard service account (`kubernetes-dashboard`, or a chart's `<release>-kubernetes-dashboard...`) more: cluster-admin or an equivalent role, admin or edit, or rules that read secrets, create or exec into pods, escalate, bind, impersonate, mint tokens or write RBAC for any object name.",
  remediation: "Bind the dashboard's service account only to the Role its manifests ship; let users log in with their own token so the dashboard acts with their permissions.",
  frameworks: { cis: ['5.1.1'], nsa: ['authn-authz/rbac'], mitre: ['T1133', 'T1078'], owasp: ['K03'] },
  aliases: { kubescape: ['C-0014'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const out: InventoryFinding[] = [];
    for (const b of userBindings(inventory)) {
      const subjects = b.subjects.filter((s) => s.kind === 'ServiceAccount' && isDashboardAccount(s.name));
      if (!subjects.length) continue;
      const powers = strongPowers(b);
      if (!powers.length) continue;
      for (const s of subjects) {
        out.push({
          object: b.object,
          issue: {
            path: `/subjects/${s.index}`,
            message: `${describeSubject(s)}, the Kubernetes dashboard's account, is given ${roleRefText(b)} ${scopeText(b)}: whoever reaches the dashboard can ${powers.join('; ')}`,
            evidence: { found: b.roleRef.name, expected: "the dashboard's own Role (settings and metrics only)" },
          },
        });
      }
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kubernetes-dashboard-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
  - {kind: ServiceAccount, name: kubernetes-dashboard, namespace: kubernetes-dashboard}
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}
rules:
  - apiGroups: [""]
    resources: [secrets]
    resourceNames: [kubernetes-dashboard-key-holder, kubernetes-dashboard-certs, kubernetes-dashboard-csrf]
    verbs: [get, update, delete]
  - apiGroups: [""]
    resources: [configmaps]
    resourceNames: [kubernetes-dashboard-settings]
    verbs: [get, update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: kubernetes-dashboard, namespace: kubernetes-dashboard}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: kubernetes-dashboard}
subjects:
  - {kind: ServiceAccount, name: kubernetes-dashboard, namespace: kubernetes-dashboard}
`,
    ],
  },
});
