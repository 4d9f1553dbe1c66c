import { rbacModel } from '../../analysis/rbac/model.js';
import { isClusterAdminRule } from '../../analysis/rbac/powers.js';
import { ruleAllows, type PolicyRule } from '../../analysis/rbac/rule.js';
import { defineCheck } from '../define.js';
import { clusterWide, reach, roleTitle, userRoles, type InventoryFinding } from '../shared/rbac-rules.js';

/** The kinds whose loss takes an application (or the cluster) down: workloads, their data and configuration, namespaces and nodes. */
const KINDS: readonly { group: string; resource: string }[] = [
  ...['pods', 'services', 'secrets', 'configmaps', 'persistentvolumeclaims', 'persistentvolumes', 'namespaces', 'nodes'].map((resource) => ({ group: '', resource })),
  ...['deployments', 'statefulsets', 'daemonsets', 'replicasets'].map((resource) => ({ group: 'apps', resource })),
  ...['jobs', 'cronjobs'].map((resource) => ({ group: 'batch', resource })),
];
/** "Many": this many of KINDS deletable through one role. */
export const BROAD = 6;

const VERBS = ['delete', 'deletecollection'];
const deletes = (rule: PolicyRule, group: string, resource: string) =>
  VERBS.some((verb) => ruleAllows(rule, { kind: 'resource', verb, group, resource, subresource: '', name: verb === 'delete' ? 'x' : '', namespace: 'x' }));

/**
 * The built-in API groups whose objects an application or the cluster is made of. `*` resources of an
 * operator's own API group (its custom resources) or of a read-only aggregated API (metrics) is not broad.
 */
const BUILT_IN = new Set(['*', '', 'apps', 'batch', 'extensions', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'policy', 'autoscaling', 'discovery.k8s.io', 'coordination.k8s.io', 'certificates.k8s.io', 'scheduling.k8s.io', 'node.k8s.io', 'apiregistration.k8s.io', 'gateway.networking.k8s.io']);

/** A rule that deletes `*` resources of a built-in group (for any name): those groups' display names. */
function wildcardDelete(rule: PolicyRule): string | undefined {
  if (rule.resourceNames.length || !rule.resources.includes('*') || !rule.verbs.some((v) => v === '*' || VERBS.includes(v))) return undefined;
  return rule.apiGroups.filter((g) => BUILT_IN.has(g)).map((g) => (g === '' ? 'core' : g)).join(', ') || undefined;
}

export default defineCheck({
  id: 'rbac-broad-delete',
  title: 'Role can delete every resource, or many kinds of workloads and their data',
  severity: 'medium',
  category: 'rbac',
  description:
    `Delete (or deletecollection) on \`*\` resources of a built-in API group (core, apps, batch, RBAC, CRDs ... or \`*\`; an operator's own API group is not counted), or on ${BROAD} or more of the kinds an application is made of (pods, services, secrets, configmaps, volumes and claims, namespaces, nodes, deployments, statefulsets, daemonsets, replicasets, jobs, cronjobs) through one role, lets a stolen token take applications down and destroy their data in one call: deleting a namespace deletes everything in it, deleting a PersistentVolumeClaim can delete its volume. Rules with resourceNames are left out (they delete only the named objects). Cluster-wide (a ClusterRoleBinding), high. On the same rule, a rbac-delete-events finding (that rule also deletes Events) is folded under this one.`,
  remediation: 'Grant delete only on the kinds the subject manages, in its own namespace, and never on `*`; keep namespace and node deletion for cluster administrators.',
  frameworks: { nsa: ['authn-authz/rbac'], mitre: ['T1485'], owasp: ['K03'] },
  aliases: { kubescape: ['C-0007'] },
  implies: ['rbac-delete-events'],
  subject: 'inventory',
  run: ({ inventory }) => {
    const model = rbacModel(inventory);
    const out: InventoryFinding[] = [];
    for (const role of userRoles(model)) {
      const found: { index: number; what: string }[] = [];
      const kinds = new Map<string, number>(); // kind → first rule index
      for (const ref of role.rules) {
        // * on * is everything: rbac-cluster-admin-binding and rbac-wildcard report it once.
        if (isClusterAdminRule(ref.rule) || ref.rule.resourceNames.length) continue;
        const groups = wildcardDelete(ref.rule);
        if (groups) found.push({ index: ref.index, what: `delete every resource of API groups ${groups}` });
        for (const k of KINDS) if (!kinds.has(k.resource) && deletes(ref.rule, k.group, k.resource)) kinds.set(k.resource, ref.index);
      }
      if (!found.length && kinds.size >= BROAD) found.push({ index: Math.min(...kinds.values()), what: `delete ${kinds.size} kinds: ${[...kinds.keys()].join(', ')}` });
      if (!found.length) continue;
      const who = reach(model, role);
      const first = found[0]!;
      out.push({
        object: role.object,
        issue: {
          path: `/rules/${first.index}`,
          message: `${roleTitle(role)} can ${found.map((f) => f.what).join('; ')}; ${who.text}`,
          evidence: { found: first.what, expected: 'delete only on the kinds the subject manages' },
          ...(clusterWide(who.bindings) ? { severity: 'high' as const } : {}),
        },
      });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: cleaner, namespace: shop}
rules:
  - apiGroups: ["", apps]
    resources: ["*"]
    verbs: [get, list, delete]
`,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: teardown}
rules:
  - apiGroups: [""]
    resources: [pods, services, secrets, configmaps, persistentvolumeclaims]
    verbs: [delete]
  - apiGroups: [apps]
    resources: [deployments, statefulsets]
    verbs: [delete]
`,
    ],
    pass: [
      `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: job-runner, namespace: ci}
rules:
  - apiGroups: [batch]
    resources: [jobs]
    verbs: [create, get, list, delete]
  - apiGroups: [""]
    resources: [pods]
    verbs: [get, list, delete]
`,
    ],
  },
});
