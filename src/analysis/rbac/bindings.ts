import { asArray, asRecord, asString, isRecord, type K8sObject } from '../../model/object.js';
import { DEFAULT_CLUSTER_ROLES, DEFAULT_ROLES } from './defaults.js';
import { isRbacObject, RBAC_GROUP, roleKey, type RoleInfo } from './roles.js';
import type { BindingSubject } from './subjects.js';

export interface BindingInfo {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  /** RoleBindings: the namespace the grant is limited to. */
  namespace?: string;
  name: string;
  object: K8sObject;
  roleRef: { apiGroup: string; kind: string; name: string };
  /** The role the roleRef resolves to; undefined when it grants nothing (see `unresolved`). */
  role?: RoleInfo;
  /** Why the binding grants nothing: the role is absent, or the roleRef is not one the authorizer accepts. */
  unresolved?: { reason: 'missing' | 'default-not-in-inventory' | 'invalid'; message: string };
  subjects: BindingSubject[];
  /** Subjects the authorizer can never match (unknown kind, a ServiceAccount without namespace in a ClusterRoleBinding). */
  ignoredSubjects: { index: number; message: string }[];
}

export function displayBinding(b: { kind: string; namespace?: string; name: string }): string {
  return b.namespace ? `${b.kind} ${b.namespace}/${b.name}` : `${b.kind} ${b.name}`;
}

function readSubjects(o: K8sObject, namespace: string | undefined, b: Pick<BindingInfo, 'subjects' | 'ignoredSubjects'>): void {
  asArray(o.raw.subjects).forEach((raw, index) => {
    if (!isRecord(raw)) return void b.ignoredSubjects.push({ index, message: 'a subject that is not a map' });
    const kind = asString(raw.kind);
    const name = asString(raw.name);
    if (!name) return void b.ignoredSubjects.push({ index, message: 'a subject without a name' });
    if (kind === 'User' || kind === 'Group') return void b.subjects.push({ kind, name, index });
    if (kind === 'ServiceAccount') {
      // The authorizer defaults a ServiceAccount's namespace to the RoleBinding's; a ClusterRoleBinding has none.
      const ns = asString(raw.namespace) || namespace;
      if (!ns) return void b.ignoredSubjects.push({ index, message: `ServiceAccount ${name} has no namespace, so it matches no one` });
      return void b.subjects.push({ kind, name, namespace: ns, index });
    }
    b.ignoredSubjects.push({ index, message: `subject kind "${kind ?? ''}" is not User, Group or ServiceAccount` });
  });
}

/** RoleBinding and ClusterRoleBinding objects, their roleRef resolved as GetRoleReferenceRules does. */
export function readBindings(objects: Iterable<K8sObject>, roles: Map<string, RoleInfo>): BindingInfo[] {
  const out: BindingInfo[] = [];
  for (const o of objects) {
    const kind = isRbacObject(o, 'RoleBinding') ? 'RoleBinding' : isRbacObject(o, 'ClusterRoleBinding') ? 'ClusterRoleBinding' : undefined;
    if (!kind) continue;
    const namespace = kind === 'RoleBinding' ? o.namespace ?? 'default' : undefined;
    const ref = asRecord(o.raw.roleRef) ?? {};
    // rbac/v1 defaulting: an empty roleRef.apiGroup becomes rbac.authorization.k8s.io.
    const roleRef = { apiGroup: asString(ref.apiGroup) || RBAC_GROUP, kind: asString(ref.kind) ?? '', name: asString(ref.name) ?? '' };
    const b: BindingInfo = { kind, name: o.name, object: o, roleRef, subjects: [], ignoredSubjects: [] };
    if (namespace !== undefined) b.namespace = namespace;
    readSubjects(o, namespace, b);
    const target = roleRef.kind === 'ClusterRole' ? `ClusterRole ${roleRef.name}` : `Role ${namespace ?? ''}/${roleRef.name}`;
    if (roleRef.apiGroup !== RBAC_GROUP || !roleRef.name || (roleRef.kind !== 'ClusterRole' && !(roleRef.kind === 'Role' && namespace))) {
      const why = roleRef.kind === 'Role' && !namespace ? 'a ClusterRoleBinding cannot refer to a Role' : `roleRef must name a ${namespace ? 'Role or ' : ''}ClusterRole of apiGroup ${RBAC_GROUP}`;
      b.unresolved = { reason: 'invalid', message: `invalid roleRef (${why}): the API server rejects the binding, and it grants nothing` };
    } else {
      const role = roles.get(roleKey(roleRef.kind, namespace, roleRef.name));
      if (role) b.role = role;
      else if (roleRef.kind === 'ClusterRole' ? DEFAULT_CLUSTER_ROLES.has(roleRef.name) : DEFAULT_ROLES.has(`${namespace}/${roleRef.name}`)) {
        b.unresolved = { reason: 'default-not-in-inventory', message: `${target} is a default role of every cluster, but its rules are not in the input` };
      } else b.unresolved = { reason: 'missing', message: `${target} does not exist in the input: the binding grants nothing (and grants whatever a role created later under that name holds)` };
    }
    out.push(b);
  }
  return out;
}
