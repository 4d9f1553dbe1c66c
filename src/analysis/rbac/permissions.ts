import type { Grant } from './grants.js';
import type { PolicyRule } from './rule.js';

/** One flattened permission: verbs on one resource (or URL) in one scope, and the grants it came from. */
export interface PermissionRow {
  /** A namespace, or undefined for cluster-wide (every namespace and cluster-scoped resources). */
  namespace?: string;
  /** "" is the core group; for URLs, undefined. */
  apiGroup?: string;
  resource?: string;
  url?: string;
  resourceNames: string[];
  verbs: string[];
  via: Grant[];
}

/**
 * Effective rules flattened to one row per (scope, apiGroup, resource, resourceNames) or (URL),
 * verbs merged and sorted, duplicates removed. Rows already implied by a cluster-wide row with
 * the same verbs are dropped from namespaced scopes.
 */
export function flattenPermissions(grants: Grant[]): PermissionRow[] {
  const rows = new Map<string, PermissionRow>();
  const add = (key: string, make: () => Omit<PermissionRow, 'verbs' | 'via'>, rule: PolicyRule, g: Grant) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { ...make(), verbs: [], via: [] }));
    for (const v of rule.verbs) if (!row.verbs.includes(v)) row.verbs.push(v);
    if (!row.via.includes(g)) row.via.push(g);
  };
  for (const g of grants) {
    const rule = g.ref.rule;
    const scope = g.namespace ?? '';
    const names = [...rule.resourceNames].sort();
    for (const group of rule.apiGroups) {
      for (const resource of rule.resources) {
        add(`R\u0000${scope}\u0000${group}\u0000${resource}\u0000${names.join(',')}`, () => withScope({ apiGroup: group, resource, resourceNames: names }, g.namespace), rule, g);
      }
    }
    // Non-resource URLs only take effect through ClusterRoleBindings.
    if (g.namespace === undefined) for (const url of rule.nonResourceURLs) add(`U\u0000${url}`, () => ({ url, resourceNames: [] }), rule, g);
  }
  const out = [...rows.values()];
  for (const r of out) r.verbs.sort();
  const clusterWide = new Map(out.filter((r) => r.namespace === undefined && r.resource).map((r) => [`${r.apiGroup}\u0000${r.resource}\u0000${r.resourceNames.join(',')}`, r]));
  const kept = out.filter((r) => {
    if (r.namespace === undefined || !r.resource) return true;
    const cw = clusterWide.get(`${r.apiGroup}\u0000${r.resource}\u0000${r.resourceNames.join(',')}`);
    return !cw || !r.verbs.every((v) => cw.verbs.includes(v) || cw.verbs.includes('*'));
  });
  const key = (r: PermissionRow) => `${r.url !== undefined ? 1 : 0}\u0000${r.namespace ?? ''}\u0000${r.apiGroup ?? ''}\u0000${r.resource ?? r.url}\u0000${r.resourceNames.join(',')}`;
  return kept.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function withScope<T extends object>(o: T, namespace: string | undefined): T & { namespace?: string } {
  return namespace === undefined ? o : { ...o, namespace };
}
