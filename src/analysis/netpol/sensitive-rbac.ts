/**
 * Whether a pod carries a service-account token with sensitive permissions: read Secrets, wildcard
 * access, exec into or create pods, impersonate, escalate or bind roles, proxy to nodes. A deliberately
 * small reading of RBAC (rules of the Roles and ClusterRoles bound to the account, its groups
 * system:serviceaccounts[:ns] and system:authenticated; no aggregation), enough to say "this token is
 * worth stealing"; the RBAC analysis is the place for effective permissions.
 */
import type { Inventory } from '../../model/inventory.js';
import { asArray, asRecord, type K8sObject } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';

export interface SensitiveGrant {
  account: string;
  /** `ClusterRoleBinding x → ClusterRole y: get secrets`. */
  why: string;
  /** Absolute pointer in the workload: its serviceAccountName, or the pod spec. */
  path: string;
}

const str = (v: unknown) => asArray(v).map(String);

function sensitiveRule(rule: Record<string, unknown>): string | undefined {
  const groups = str(rule.apiGroups), resources = str(rule.resources), verbs = str(rule.verbs);
  const anyGroup = groups.includes('*'), core = anyGroup || groups.includes('');
  const has = (v: string) => verbs.includes(v) || verbs.includes('*');
  const res = (r: string) => resources.includes(r) || resources.includes('*');
  if (anyGroup && resources.includes('*') && verbs.includes('*')) return 'every verb on every resource';
  if (core && res('secrets') && (has('get') || has('list') || has('watch'))) return 'read secrets';
  if (core && res('pods/exec') && (has('create') || has('get'))) return 'exec into pods';
  if (core && res('pods') && has('create')) return 'create pods';
  if (core && res('nodes/proxy') && (has('get') || has('create'))) return 'proxy to nodes';
  if (has('impersonate')) return 'impersonate';
  if ((groups.includes('rbac.authorization.k8s.io') || anyGroup) && (has('escalate') || has('bind'))) return 'escalate or bind roles';
  return undefined;
}

function subjectMatches(subject: unknown, account: string, namespace: string): boolean {
  const s = asRecord(subject);
  if (!s) return false;
  if (s.kind === 'ServiceAccount') return s.name === account && (s.namespace ?? '') === namespace;
  if (s.kind === 'Group') return s.name === 'system:serviceaccounts' || s.name === `system:serviceaccounts:${namespace}` || s.name === 'system:authenticated';
  return false;
}

/** The first sensitive permission the pod's service-account token gives, if the token is mounted. */
export function sensitiveGrant(inventory: Inventory, pod: PodSpecRef, namespace: string): SensitiveGrant | undefined {
  const spec = pod.spec;
  const account = typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : typeof spec.serviceAccount === 'string' ? spec.serviceAccount : 'default';
  const sa = inventory.get('ServiceAccount', namespace, account);
  const automount = typeof spec.automountServiceAccountToken === 'boolean' ? spec.automountServiceAccountToken : sa?.raw.automountServiceAccountToken !== false;
  const projected = asArray(spec.volumes).some((v) => asArray(asRecord(asRecord(v)?.projected)?.sources).some((s) => asRecord(s)?.serviceAccountToken !== undefined));
  if (!automount && !projected) return undefined;
  const path = typeof spec.serviceAccountName === 'string' ? `${pod.path}/serviceAccountName` : pod.path;
  const bindings: K8sObject[] = [...inventory.byKind('ClusterRoleBinding'), ...inventory.byKind('RoleBinding').filter((b) => (b.namespace ?? 'default') === namespace)];
  for (const b of bindings) {
    if (!asArray(b.raw.subjects).some((s) => subjectMatches(s, account, namespace))) continue;
    const ref = asRecord(b.raw.roleRef);
    const roleName = typeof ref?.name === 'string' ? ref.name : '';
    if (ref?.kind === 'ClusterRole' && roleName === 'cluster-admin') return { account, why: `${b.kind} ${b.name} → ClusterRole cluster-admin`, path };
    const role = ref?.kind === 'ClusterRole' ? inventory.get('ClusterRole', undefined, roleName) : inventory.get('Role', namespace, roleName);
    for (const rule of asArray(role?.raw.rules)) {
      const what = asRecord(rule) && sensitiveRule(asRecord(rule)!);
      if (what) return { account, why: `${b.kind} ${b.name} → ${role!.kind} ${roleName}: ${what}`, path };
    }
  }
  return undefined;
}
