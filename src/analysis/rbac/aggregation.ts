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

  // Strongly connected components (Tarjan, iterative, sinks first) of a graph whose nodes are the
  // ClusterRoles and the distinct selectors: role → its selectors → the roles they match. Equal
  // selectors are one node, so n roles that all select one label are 2n edges, not n².
  const R = clusterRoles.length;
  const roleId = new Map<RoleInfo, number>();
  clusterRoles.forEach((r, i) => roleId.set(r, i));
  const selectorId = new Map<RoleInfo[], number>();
  const selectorLists: RoleInfo[][] = [];
  const roleSelectors: number[][] = clusterRoles.map((r) => {
    const ids: number[] = [];
    for (const sel of r.selectors ?? []) {
      const list = selected(sel);
      let id = selectorId.get(list);
      if (id === undefined) selectorId.set(list, (id = R + selectorLists.push(list) - 1));
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  });
  const next = (v: number): readonly number[] | readonly RoleInfo[] => (v < R ? roleSelectors[v]! : selectorLists[v - R]!);
  const N = R + selectorLists.length;
  const num = new Int32Array(N).fill(-1);
  const low = new Int32Array(N);
  const onStack = new Uint8Array(N);
  const stack: number[] = [];
  const sccs: number[][] = [];
  let counter = 0;
  for (const start of aggregated) {
    const s0 = roleId.get(start)!;
    if (num[s0] !== -1) continue;
    const work: { v: number; i: number }[] = [{ v: s0, i: 0 }];
    num[s0] = low[s0] = counter++, stack.push(s0), (onStack[s0] = 1);
    while (work.length) {
      const top = work[work.length - 1]!;
      const out = next(top.v);
      if (top.i < out.length) {
        const x = out[top.i++]!;
        const w = typeof x === 'number' ? x : roleId.get(x)!;
        aggregationWork.edges++;
        if (num[w] === -1) {
          num[w] = low[w] = counter++, stack.push(w), (onStack[w] = 1);
          work.push({ v: w, i: 0 });
        } else if (onStack[w]) low[top.v] = Math.min(low[top.v]!, num[w]!);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low[parent] = Math.min(low[parent]!, low[top.v]!);
      }
      if (low[top.v] === num[top.v]) {
        const scc: number[] = [];
        let x: number;
        do {
          x = stack.pop()!;
          onStack[x] = 0;
          scc.push(x);
        } while (x !== top.v);
        sccs.push(scc);
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
  /** The depth-first walk from root (matches by name); `once`: each selector expanded once (the shared order of a large cycle). */
  const walk = (root: RoleInfo, inScc: Set<RoleInfo>, once: boolean): RuleRef[] => {
    const acc = { rules: [] as RuleRef[], keys: new Set<string>() };
    const visited = new Set<RoleInfo>([root]);
    const expanded = new Set<RoleInfo[]>();
    const todo: RoleInfo[] = [];
    const expand = (r: RoleInfo) => {
      if (once && r.selectors?.length === 1) {
        const list = matches(r);
        if (expanded.has(list)) return;
        expanded.add(list);
      }
      const kids = matches(r);
      for (let i = kids.length - 1; i >= 0; i--) if (!visited.has(kids[i]!)) todo.push(kids[i]!);
    };
    expand(root);
    while (todo.length) {
      const r = todo.pop()!;
      if (visited.has(r)) continue;
      visited.add(r);
      aggregationWork.edges++;
      if (inScc.has(r)) expand(r);
      else merge(acc, contribution(r));
    }
    return acc.rules;
  };
  for (const scc of sccs) {
    const members = scc.filter((v) => v < R && clusterRoles[v]!.selectors).map((v) => clusterRoles[v]!);
    if (members.length === 0) continue;
    if (members.length === 1) {
      const r = members[0]!;
      const kids = matches(r).filter((c) => c !== r);
      if (kids.length === 1 && kids[0]!.selectors) result.set(r, result.get(kids[0]!)!);
      else {
        const acc = { rules: [] as RuleRef[], keys: new Set<string>() };
        for (const c of kids) merge(acc, contribution(c));
        result.set(r, acc.rules);
      }
      continue;
    }
    const inScc = new Set(members);
    const inner = members.reduce((n, r) => n + matches(r).length, 0);
    if (members.length * inner <= EXACT_CYCLE_BUDGET) for (const r of members) result.set(r, walk(r, inScc, false));
    else {
      const first = members.reduce((a, b) => (b.name < a.name ? b : a));
      const shared = walk(first, inScc, true);
      for (const r of members) result.set(r, shared);
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

  // Who holds a role's rules: every aggregated role it can be reached from (itself excepted),
  // walked backwards through the selectors that match it (each selector once).
  let matchedBy: Map<RoleInfo, RoleInfo[][]> | undefined;
  let owners: Map<RoleInfo[], RoleInfo[]> | undefined;
  const byName = new Map(clusterRoles.map((r) => [r.name, r]));
  return {
    holders(name, position) {
      const target = byName.get(name);
      if (!target) return [];
      if (!matchedBy || !owners) {
        matchedBy = new Map();
        owners = new Map();
        for (const list of selectorLists) {
          for (const c of list) {
            const l = matchedBy.get(c);
            if (l) l.push(list);
            else matchedBy.set(c, [list]);
          }
        }
        for (const r of aggregated) {
          for (const sel of r.selectors!) {
            const list = selected(sel);
            const l = owners.get(list);
            if (!l) owners.set(list, [r]);
            else if (l[l.length - 1] !== r) l.push(r);
          }
        }
      }
      const seen = new Set<RoleInfo>([target]);
      const out: RoleInfo[] = [];
      // A selector reached from role x adds its owners but x (a role never matches itself); x is added
      // later if the selector also matches another reached role.
      const skipped = new Map<RoleInfo[], RoleInfo | null>();
      const todo = [target];
      const reach = (h: RoleInfo) => {
        if (!seen.has(h)) (seen.add(h), out.push(h), todo.push(h));
      };
      while (todo.length) {
        const x = todo.pop()!;
        for (const list of matchedBy.get(x) ?? []) {
          if (skipped.has(list)) {
            const s = skipped.get(list)!;
            if (s && s !== x) (skipped.set(list, null), reach(s));
            continue;
          }
          let skip: RoleInfo | null = null;
          for (const h of owners.get(list) ?? []) {
            if (h === x) skip = h;
            else reach(h);
          }
          skipped.set(list, skip);
        }
      }
      // A role in a cycle reaches itself, but never holds its own rules.
      return out.filter((h) => h !== target).sort((a, b) => position(a) - position(b));
    },
  };
}
