import { displayBinding, type BindingInfo } from './bindings.js';
import type { RbacModel } from './model.js';
import { serviceAccountUser } from './subjects.js';

/**
 * ClusterRoles every authenticated identity is bound to by the cluster's own bootstrap policy (discovery, its own
 * user info, the public version and OIDC endpoints): a binding to one of them says nothing about a workload's use
 * of its token.
 */
const EVERYONE_ROLES: ReadonlySet<string> = new Set(['system:basic-user', 'system:discovery', 'system:public-info-viewer', 'system:service-account-issuer-discovery']);

/** A binding that names the service account itself and grants it something: evidence its workload calls the API. */
export interface TokenUse {
  binding: BindingInfo;
  /** "ClusterRoleBinding x → ClusterRole y". */
  via: string;
}

const caches = new WeakMap<RbacModel, Map<string, TokenUse>>();

function usesOf(model: RbacModel): Map<string, TokenUse> {
  let m = caches.get(model);
  if (m) return m;
  m = new Map();
  for (const b of model.bindings) {
    const roleName = b.role?.name ?? b.roleRef.name;
    const kind = b.role?.kind ?? b.roleRef.kind;
    if (kind === 'ClusterRole' && EVERYONE_ROLES.has(roleName)) continue;
    // A role in the input with at least one rule, or a default role of every cluster whose rules the input lacks
    // (view, edit, system:auth-delegator...). A missing or invalid role grants nothing.
    const grants = b.role ? b.role.rules.length > 0 : b.unresolved?.reason === 'default-not-in-inventory';
    if (!grants) continue;
    const via = `${displayBinding(b)} → ${kind === 'ClusterRole' ? `ClusterRole ${roleName}` : `Role ${b.namespace ?? ''}/${roleName}`}`;
    for (const s of b.subjects) {
      // The account by name (a ServiceAccount subject, or its user name); groups (system:serviceaccounts...) are not
      // evidence that this workload uses them.
      const user = s.kind === 'ServiceAccount' ? (s.namespace !== undefined ? serviceAccountUser(s.namespace, s.name) : undefined) : s.kind === 'User' ? s.name : undefined;
      if (user !== undefined && !m.has(user)) m.set(user, { binding: b, via });
    }
  }
  caches.set(model, m);
  return m;
}

/**
 * The first binding among the model's that names the service account as a subject and grants it anything beyond
 * what every authenticated identity holds — the offline reading of "the workload uses its token". One place for
 * the check (automount-service-account-token at info) and the fix (which keeps the token then).
 */
export function serviceAccountTokenUse(model: RbacModel, namespace: string, name: string): TokenUse | undefined {
  return usesOf(model).get(serviceAccountUser(namespace, name));
}
