import type { RoleInfo, RuleRef } from './roles.js';
import { combinedResource, nonResourceURLMatches, ruleAllows, type Request } from './rule.js';

export interface IndexedRule {
  role: RoleInfo;
  ref: RuleRef;
}

/**
 * Rules by (verb, apiGroup, resource) as written, wildcards included, so a request finds every rule
 * that may allow it with at most 12 map look-ups (verb or `*`, group or `*`, resource, `*` or
 * `*\/subresource`) instead of a scan over every rule. Non-resource rules are kept by verb.
 */
export class RuleIndex {
  private resourceRules = new Map<string, IndexedRule[]>();
  private urlRules = new Map<string, IndexedRule[]>();
  size = 0;

  constructor(roles: Iterable<RoleInfo>) {
    for (const role of roles) {
      for (const ref of role.rules) {
        const entry = { role, ref };
        const { verbs, apiGroups, resources, nonResourceURLs } = ref.rule;
        for (const v of new Set(verbs)) {
          for (const g of new Set(apiGroups)) for (const r of new Set(resources)) this.add(this.resourceRules, `${v}\u0000${g}\u0000${r}`, entry);
          if (nonResourceURLs.length) this.add(this.urlRules, v, entry);
        }
      }
    }
  }

  private add(m: Map<string, IndexedRule[]>, key: string, e: IndexedRule): void {
    const list = m.get(key);
    if (list) list.push(e);
    else m.set(key, [e]);
    this.size++;
  }

  /** Every indexed rule that allows the request (namespaces and bindings are the caller's business). */
  matching(req: Request): IndexedRule[] {
    const out = new Set<IndexedRule>();
    if (req.kind === 'nonResource') {
      for (const v of [req.verb, '*']) for (const e of this.urlRules.get(v) ?? []) if (nonResourceURLMatches(e.ref.rule, req.path)) out.add(e);
      return [...out];
    }
    const resources = [combinedResource(req.resource, req.subresource), '*'];
    if (req.subresource) resources.push(`*/${req.subresource}`);
    for (const v of new Set([req.verb, '*'])) {
      for (const g of new Set([req.group, '*'])) {
        for (const r of resources) for (const e of this.resourceRules.get(`${v}\u0000${g}\u0000${r}`) ?? []) if (ruleAllows(e.ref.rule, req)) out.add(e);
      }
    }
    return [...out];
  }
}
