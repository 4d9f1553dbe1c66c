/** A subject of a binding, as written (ServiceAccount namespace defaulted as the authorizer does). */
export interface BindingSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  /** ServiceAccount only: the subject's namespace, or the RoleBinding's when unset. Undefined: matches no one. */
  namespace?: string;
  /** Index in the binding's `subjects` list. */
  index: number;
}

/** Who is asking: a user name (or none, for "members of a group") and the groups it belongs to. */
export interface Identity {
  user?: string;
  groups: string[];
}

export const SA_PREFIX = 'system:serviceaccount:';
export const ANONYMOUS = 'system:anonymous';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const AUTHENTICATED = 'system:authenticated';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
/** The API server's privileged group: always allowed, whatever RBAC says. */
export const MASTERS = 'system:masters';

export function serviceAccountUser(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** "system:serviceaccount:ns:name" → {namespace, name}. */
export function parseServiceAccountUser(user: string): { namespace: string; name: string } | undefined {
  if (!user.startsWith(SA_PREFIX)) return undefined;
  const rest = user.slice(SA_PREFIX.length).split(':');
  if (rest.length !== 2 || !rest[0] || !rest[1]) return undefined;
  return { namespace: rest[0], name: rest[1] };
}

/** The identity the API server gives a service account's token: its user and the implicit groups. */
export function serviceAccountIdentity(namespace: string, name: string): Identity {
  return { user: serviceAccountUser(namespace, name), groups: [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`, AUTHENTICATED] };
}

/** The identity of a user: anonymous gets system:unauthenticated, everyone else system:authenticated. */
export function userIdentity(user: string, extraGroups: string[] = []): Identity {
  const sa = parseServiceAccountUser(user);
  if (sa) return { user, groups: [...new Set([...serviceAccountIdentity(sa.namespace, sa.name).groups, ...extraGroups])] };
  const implicit = user === ANONYMOUS ? UNAUTHENTICATED : AUTHENTICATED;
  return { user, groups: [...new Set([...extraGroups, implicit])] };
}

/**
 * Parse a subject as the CLI takes it: `system:serviceaccount:NS:NAME`, `serviceaccount:NS/NAME`
 * (or `sa:`), `group:NAME`, `user:NAME`, or a bare user name. A group alone is "a member of only
 * this group" (no user name, no implicit groups).
 */
export function parseSubject(text: string, extraGroups: string[] = []): { identity: Identity; label: string } | { error: string } {
  const t = text.trim();
  if (!t) return { error: 'empty subject' };
  const m = /^(user|group|serviceaccount|sa):(.*)$/i.exec(t);
  const prefix = m?.[1]!.toLowerCase();
  const rest = m?.[2] ?? t;
  if (prefix === 'group') {
    if (!rest) return { error: 'group: needs a name' };
    return { identity: { groups: [...new Set([rest, ...extraGroups])] }, label: `Group ${rest}` };
  }
  if (prefix === 'serviceaccount' || prefix === 'sa') {
    const parts = rest.split('/');
    if (parts.length !== 2 || !parts[0] || !parts[1]) return { error: `service account must be NAMESPACE/NAME (got "${rest}")` };
    return { identity: userIdentity(serviceAccountUser(parts[0], parts[1]), extraGroups), label: `ServiceAccount ${parts[0]}/${parts[1]}` };
  }
  if (!rest) return { error: 'user: needs a name' };
  if (rest.startsWith(SA_PREFIX) && !parseServiceAccountUser(rest)) return { error: `service account user must be system:serviceaccount:NAMESPACE:NAME (got "${rest}")` };
  const sa = parseServiceAccountUser(rest);
  return { identity: userIdentity(rest, extraGroups), label: sa ? `ServiceAccount ${sa.namespace}/${sa.name}` : `User ${rest}` };
}

/** appliesToUser of the RBAC authorizer. */
export function subjectApplies(s: BindingSubject, who: Identity): boolean {
  switch (s.kind) {
    case 'User': return who.user !== undefined && who.user === s.name;
    case 'Group': return who.groups.includes(s.name);
    case 'ServiceAccount': return s.namespace !== undefined && who.user === serviceAccountUser(s.namespace, s.name);
  }
}

/** The index key a subject is found under: "U:<user name>" (service accounts by their user name) or "G:<group>". */
export function subjectKey(s: BindingSubject): string | undefined {
  if (s.kind === 'Group') return `G:${s.name}`;
  if (s.kind === 'User') return `U:${s.name}`;
  return s.namespace === undefined ? undefined : `U:${serviceAccountUser(s.namespace, s.name)}`;
}

export function identityKeys(who: Identity): string[] {
  return [...(who.user !== undefined ? [`U:${who.user}`] : []), ...who.groups.map((g) => `G:${g}`)];
}

export function describeSubject(s: BindingSubject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace ?? '?'}/${s.name}` : `${s.kind} ${s.name}`;
}
