import type { BindingInfo } from './bindings.js';
import type { RbacModel } from './model.js';
import type { RoleInfo, RuleRef } from './roles.js';
import type { Request } from './rule.js';
import type { BindingSubject } from './subjects.js';

export interface WhoCanRow {
  subject: BindingSubject;
  binding: BindingInfo;
  role: RoleInfo;
  ref: RuleRef;
  /** The namespace the grant is limited to (RoleBindings). */
  namespace?: string;
  /** Asked without a name: the rule allows the request only for these object names. */
  onlyNames?: string[];
}

export interface WhoCanOptions {
  /** Asked without --name: also rules limited by resourceNames, as rows with onlyNames. */
  includeNamed?: boolean;
  /** Also RoleBindings in every namespace (each row says its namespace), for a namespaced resource asked cluster-wide. */
  allNamespaces?: boolean;
}

const sortKey = (r: WhoCanRow) => `${r.subject.kind}\u0000${r.subject.namespace ?? ''}\u0000${r.subject.name}\u0000${r.namespace ?? ''}\u0000${r.binding.kind}\u0000${r.binding.name}\u0000${String(r.ref.index).padStart(6, '0')}`;

/** Sorted by subject, then scope and binding: keys computed once per row. */
function sortRows(rows: WhoCanRow[]): WhoCanRow[] {
  const keyed = rows.map((r) => ({ r, k: sortKey(r) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.r);
}

/**
 * Every subject the RBAC policy allows the request, with the binding, role and rule that allow it.
 * Uses the model's rule index: the rules that match, then the bindings of each matching role.
 * A request with namespace "" is cluster-wide: only ClusterRoleBindings apply (unless allNamespaces).
 */
export function whoCan(model: RbacModel, req: Request, opts: WhoCanOptions = {}): WhoCanRow[] {
  const rows: WhoCanRow[] = [];
  const ns = req.kind === 'resource' ? req.namespace : '';
  const index = model.ruleIndex();
  // Cluster-wide: Roles only count when RoleBindings of every namespace are asked for.
  const scopes = req.kind === 'resource' && !ns && opts.allNamespaces ? index.namespaces() : undefined;
  const named = opts.includeNamed && req.kind === 'resource' && !req.name && (req.subresource !== '' || (req.verb !== 'create' && req.verb !== 'deletecollection'));
  const matches = index.matching(req, scopes);
  if (named) for (const e of index.matching(req, scopes, { ignoreNames: true })) if (e.ref.rule.resourceNames.length) matches.push(e);
  for (const { role, ref } of matches) {
    for (const b of model.bindingsOf(role)) {
      if (b.namespace !== undefined) {
        if (req.kind !== 'resource') continue;
        if (!(opts.allNamespaces && !ns) && b.namespace !== ns) continue;
      }
      for (const subject of b.subjects) {
        const row: WhoCanRow = { subject, binding: b, role, ref };
        if (b.namespace !== undefined) row.namespace = b.namespace;
        if (named && ref.rule.resourceNames.length) row.onlyNames = ref.rule.resourceNames;
        rows.push(row);
      }
    }
  }
  return sortRows(rows);
}
