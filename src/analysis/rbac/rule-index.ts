import type { RoleInfo, RuleRef } from './roles.js';
import { apiGroupMatches, combinedResource, nonResourceURLMatches, resourceMatches, ruleAllows, verbMatches, type Request } from './rule.js';

export interface IndexedRule {
  role: RoleInfo;
  ref: RuleRef;
}

/**
 * Rules by the namespace of their role ("" for ClusterRoles) and (verb, apiGroup, resource) as
 * written, wildcards included, so a request finds every rule that may allow it with at most 12 map
 * look-ups per scope (verb or `*`, group or `*`, resource, `*` or `*\/subresource`) instead of a
 * scan over every rule; the Roles of other namespaces are never looked at. Non-resource rules
 * (ClusterRoles only) are kept by verb.
 */
export class RuleIndex {
  private byScope = new Map<string, Map<string, IndexedRule[]>>();
  private urlRules = new Map<string, IndexedRule[]>();
  size = 0;

  constructor(roles: Iterable<RoleInfo>) {
    for (const role of roles) {
      const scope = role.namespace ?? '';
      let resourceRules = this.byScope.get(scope);
      if (!resourceRules) this.byScope.set(scope, (resourceRules = new Map()));
      for (const ref of role.rules) {
        const entry = { role, ref };
        const { verbs, apiGroups, resources, nonResourceURLs } = ref.rule;
        for (const v of new Set(verbs)) {
          for (const g of new Set(apiGroups)) for (const r of new Set(resources)) this.add(resourceRules, `${v}\u0000${g}\u0000${r}`, entry);
          if (nonResourceURLs.length && !role.namespace) this.add(this.urlRules, v, entry);
        }
      }
    }
  }

  /** Namespaces that have Roles. */
  namespaces(): string[] {
    return [...this.byScope.keys()].filter((s) => s !== '');
  }

  private add(m: Map<string, IndexedRule[]>, key: string, e: IndexedRule): void {
    const list = m.get(key);
    if (list) list.push(e);
    else m.set(key, [e]);
    this.size++;
  }

  /**
   * Every indexed rule that allows the request: of ClusterRoles, and of the Roles of `namespaces`
   * (default: the request's namespace). Bindings are the caller's business.
   */
  matching(req: Request, namespaces?: readonly string[], opts: { ignoreNames?: boolean } = {}): IndexedRule[] {
    const allows = opts.ignoreNames && req.kind === 'resource'
      ? (e: IndexedRule) => verbMatches(e.ref.rule, req.verb) && apiGroupMatches(e.ref.rule, req.group) && resourceMatches(e.ref.rule, combinedResource(req.resource, req.subresource), req.subresource)
      : (e: IndexedRule) => ruleAllows(e.ref.rule, req);
    const out = new Set<IndexedRule>();
    if (req.kind === 'nonResource') {
      for (const v of [req.verb, '*']) for (const e of this.urlRules.get(v) ?? []) if (nonResourceURLMatches(e.ref.rule, req.path)) out.add(e);
      return [...out];
    }
    const resources = [combinedResource(req.resource, req.subresource), '*'];
    if (req.subresource) resources.push(`*/${req.subresource}`);
    const scopes = ['', ...(namespaces ?? (req.namespace ? [req.namespace] : []))];
    for (const scope of scopes) {
      const resourceRules = this.byScope.get(scope);
      if (!resourceRules) continue;
      for (const v of new Set([req.verb, '*'])) {
        for (const g of new Set([req.group, '*'])) {
          for (const r of resources) for (const e of resourceRules.get(`${v}\u0000${g}\u0000${r}`) ?? []) if (allows(e)) out.add(e);
        }
      }
    }
    return [...out];
  }
}
