import { matchesSelector } from '../../model/inventory.js';
import { ruleKey } from './rule.js';
import type { RoleInfo, RuleRef } from './roles.js';

/**
 * ClusterRole aggregation as the clusterrole-aggregation controller computes it: an aggregated
 * ClusterRole's rules are REPLACED by the union of the rules of every other ClusterRole its
 * selectors match (per selector, matches sorted by name, equal rules kept once). Matched roles that
 * are aggregated themselves contribute their own aggregated rules, so aggregation is transitive;
 * with cycles the controller settles on the least fixed point, which is what this computes: the
 * written rules of every non-aggregated ClusterRole reachable through aggregated ones.
 */
export function aggregate(roles: Map<string, RoleInfo>): void {
  const clusterRoles = [...roles.values()].filter((r) => r.kind === 'ClusterRole').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const aggregated = clusterRoles.filter((r) => r.selectors);
  if (aggregated.length === 0) return;
  const matchCache = new Map<RoleInfo, RoleInfo[]>();
  const matches = (r: RoleInfo): RoleInfo[] => {
    let m = matchCache.get(r);
    if (!m) {
      const seen = new Set<RoleInfo>();
      m = [];
      for (const sel of r.selectors ?? []) {
        for (const c of clusterRoles) if (c !== r && !seen.has(c) && matchesSelector(c.object.labels, sel)) (seen.add(c), m.push(c));
      }
      matchCache.set(r, m);
    }
    return m;
  };
  const computed = new Map<RoleInfo, { rules: RuleRef[]; from: string[] }>();
  for (const root of aggregated) {
    const rules: RuleRef[] = [];
    const keys = new Set<string>();
    const from: string[] = [];
    const visited = new Set<RoleInfo>([root]);
    const stack = [...matches(root)].reverse();
    while (stack.length) {
      const r = stack.pop()!;
      if (visited.has(r)) continue;
      visited.add(r);
      from.push(r.name);
      if (r.selectors) {
        stack.push(...[...matches(r)].reverse());
        continue;
      }
      for (const ref of r.rules) {
        const k = ruleKey(ref.rule);
        if (!keys.has(k)) (keys.add(k), rules.push(ref));
      }
    }
    computed.set(root, { rules, from });
  }
  for (const [r, c] of computed) {
    r.rules = c.rules;
    r.aggregatedFrom = c.from;
  }
}
