import { matchesSelector, type LabelSelector } from '../../model/inventory.js';
import { LabelIndex } from '../../model/label-index.js';
import { ruleKey, type PolicyRule } from './rule.js';
import type { RoleInfo, RuleRef } from './roles.js';

/** What aggregation leaves behind besides the roles' rules: who holds whose rules, answered on demand. */
export interface Aggregation {
  /** The aggregated ClusterRoles that hold the named ClusterRole's rules (transitively), in `order`. */
  holders(name: string, order: (r: RoleInfo) => number): RoleInfo[];
}

/** Counts of the work done, for tests that check the cost stays near-linear (never by time). */
export const aggregationWork = { selectorTests: 0, edges: 0, merged: 0 };

/** Above this much work (members × edges inside one cycle), every member of the cycle gets one shared rule order. */
const EXACT_CYCLE_BUDGET = 2_000_000;

const keys = new WeakMap<PolicyRule, string>();
function keyOf(rule: PolicyRule): string {
  let k = keys.get(rule);
  if (k === undefined) keys.set(rule, (k = ruleKey(rule)));
  return k;
}

/**
 * ClusterRole aggregation as the clusterrole-aggregation controller computes it: an aggregated
 * ClusterRole's rules are REPLACED by the union of the rules of every other ClusterRole its
 * selectors match (per selector, matches sorted by name, equal rules kept once). Matched roles that
 * are aggregated themselves contribute their own aggregated rules, so aggregation is transitive;
 * with cycles the controller settles on the least fixed point, which is what this computes: the
 * written rules of every non-aggregated ClusterRole reachable through aggregated ones.
 *
 * Near-linear: selectors are answered from a label index (and equal selectors once), the graph of
 * aggregated roles is condensed into its cycles (strongly connected components), and each role's
 * rules are merged from its matches' results, sharing the array when a role has one match. The
 * order of the rules is that of a depth-first walk from the role (matches by name); in a cycle too
 * large to walk from every member (see EXACT_CYCLE_BUDGET), every member gets the order of the walk
 * from its first member by name (the same rules; the controller itself fixes no order there).
 * `aggregatedFrom` (the walk's order of role names) is computed when read.
 */
export function aggregate(roles: Map<string, RoleInfo>): Aggregation {
  const clusterRoles = [...roles.values()].filter((r) => r.kind === 'ClusterRole').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const aggregated = clusterRoles.filter((r) => r.selectors);
  if (aggregated.length === 0) return { holders: () => [] };

  const index = new LabelIndex<RoleInfo>();
  for (const c of clusterRoles) index.add('', c.object.labels, c);
  const bySelector = new Map<string, RoleInfo[]>();
  const selected = (sel: LabelSelector): RoleInfo[] => {
    const k = JSON.stringify([sel.matchLabels ?? {}, sel.matchExpressions ?? []]);
    let list = bySelector.get(k);
    if (!list) {
      const candidates = index.candidates('', sel);
      aggregationWork.selectorTests += candidates.length;
      bySelector.set(k, (list = candidates.filter((c) => matchesSelector(c.object.labels, sel))));
    }
    return list;
  };
  // A role's matches, sorted by name per selector; a role never matches itself. One selector: the
  // shared list (the role is skipped where it appears in it).
  const matchCache = new Map<RoleInfo, RoleInfo[]>();
  const matches = (r: RoleInfo): RoleInfo[] => {
    let m = matchCache.get(r);
    if (!m) {
      const sels = r.selectors ?? [];
      if (sels.length === 1) m = selected(sels[0]!);
      else {
        const seen = new Set<RoleInfo>();
        m = [];
        for (const sel of sels) for (const c of selected(sel)) if (c !== r && !seen.has(c)) (seen.add(c), m.push(c));
      }
      matchCache.set(r, m);
    }
    return m;
  };

  // Strongly connected components of the aggregated roles (Tarjan, iterative), sinks first.
  const num = new Map<RoleInfo, number>();
  const low = new Map<RoleInfo, number>();
  const onStack = new Set<RoleInfo>();
  const stack: RoleInfo[] = [];
  const sccOf = new Map<RoleInfo, RoleInfo[]>();
  const order: RoleInfo[][] = [];
  for (const start of aggregated) {
    if (num.has(start)) continue;
    const work: { r: RoleInfo; i: number }[] = [{ r: start, i: 0 }];
    num.set(start, num.size), low.set(start, num.get(start)!), stack.push(start), onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const kids = matches(top.r);
      if (top.i < kids.length) {
        const c = kids[top.i++]!;
        aggregationWork.edges++;
        if (c === top.r || !c.selectors) continue;
        if (!num.has(c)) {
          num.set(c, num.size), low.set(c, num.get(c)!), stack.push(c), onStack.add(c);
          work.push({ r: c, i: 0 });
        } else if (onStack.has(c)) low.set(top.r, Math.min(low.get(top.r)!, num.get(c)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.r;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.r)!));
      }
      if (low.get(top.r) === num.get(top.r)) {
        const scc: RoleInfo[] = [];
        let x: RoleInfo;
        do {
          x = stack.pop()!;
          onStack.delete(x);
          scc.push(x);
          sccOf.set(x, scc);
        } while (x !== top.r);
        order.push(scc);
      }
    }
  }

  // Rules, sinks first: a match outside the role's cycle contributes its finished result (a
  // non-aggregated role its written rules); inside a cycle, the walk goes on through the cycle.
  const result = new Map<RoleInfo, RuleRef[]>();
  const contribution = (c: RoleInfo): RuleRef[] => (c.selectors ? result.get(c)! : c.rules);
  const merge = (into: { rules: RuleRef[]; keys: Set<string> }, refs: readonly RuleRef[]) => {
    aggregationWork.merged += refs.length;
    for (const ref of refs) {
      const k = keyOf(ref.rule);
      if (!into.keys.has(k)) (into.keys.add(k), into.rules.push(ref));
    }
  };
  const walk = (root: RoleInfo, scc: RoleInfo[]): RuleRef[] => {
    const acc = { rules: [] as RuleRef[], keys: new Set<string>() };
    const inScc = new Set(scc);
    const visited = new Set<RoleInfo>([root]);
    const todo = [...matches(root)].reverse();
    while (todo.length) {
      const r = todo.pop()!;
      if (visited.has(r)) continue;
      visited.add(r);
      if (inScc.has(r)) {
        const kids = matches(r);
        for (let i = kids.length - 1; i >= 0; i--) if (!visited.has(kids[i]!)) todo.push(kids[i]!);
      } else merge(acc, contribution(r));
    }
    return acc.rules;
  };
  for (const scc of order) {
    if (scc.length === 1) {
      const r = scc[0]!;
      const kids = matches(r).filter((c) => c !== r);
      if (kids.length === 1 && kids[0]!.selectors) result.set(r, result.get(kids[0]!)!);
      else {
        const acc = { rules: [] as RuleRef[], keys: new Set<string>() };
        for (const c of kids) merge(acc, contribution(c));
        result.set(r, acc.rules);
      }
      continue;
    }
    const inner = scc.reduce((n, r) => n + matches(r).length, 0);
    if (scc.length * inner <= EXACT_CYCLE_BUDGET) for (const r of scc) result.set(r, walk(r, scc));
    else {
      const first = scc.reduce((a, b) => (b.name < a.name ? b : a));
      const shared = walk(first, scc);
      for (const r of scc) result.set(r, shared);
    }
  }

  // The walk's order of role names, computed when read (a chain of n roles would hold n²/2 names).
  const from = (root: RoleInfo): string[] => {
    const out: string[] = [];
    const visited = new Set<RoleInfo>([root]);
    const todo = [...matches(root)].reverse();
    while (todo.length) {
      const r = todo.pop()!;
      if (visited.has(r)) continue;
      visited.add(r);
      out.push(r.name);
      if (r.selectors) todo.push(...[...matches(r)].reverse());
    }
    return out;
  };
  for (const r of aggregated) {
    r.rules = result.get(r)!;
    let cached: string[] | undefined;
    Object.defineProperty(r, 'aggregatedFrom', { get: () => (cached ??= from(r)), set: (v: string[]) => (cached = v), enumerable: true, configurable: true });
  }

  // Who holds a role's rules: every aggregated role it can be reached from (itself excepted).
  let reverse: Map<RoleInfo, RoleInfo[]> | undefined;
  const byName = new Map(clusterRoles.map((r) => [r.name, r]));
  return {
    holders(name, position) {
      const target = byName.get(name);
      if (!target) return [];
      if (!reverse) {
        reverse = new Map();
        for (const r of aggregated) {
          for (const c of matches(r)) {
            if (c === r) continue;
            const list = reverse.get(c);
            if (list) list.push(r);
            else reverse.set(c, [r]);
          }
        }
      }
      const seen = new Set<RoleInfo>([target]);
      const out: RoleInfo[] = [];
      const todo = [target];
      while (todo.length) {
        for (const h of reverse.get(todo.pop()!) ?? []) if (!seen.has(h)) (seen.add(h), out.push(h), todo.push(h));
      }
      // A role in a cycle reaches itself, but never holds its own rules.
      return out.filter((h) => h !== target).sort((a, b) => position(a) - position(b));
    },
  };
}
