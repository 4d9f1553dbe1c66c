// ClusterRole aggregation at scale: the indexed, condensed computation gives the rules, names and
// holders of the walk the controller's semantics define (a reference: the role-by-role walk), on random
// graphs with cycles; and its work, counted, grows linearly on chains and mutual aggregation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregationWork } from '../../../src/analysis/rbac/aggregation.js';
import { readRoles, type RoleInfo, type RuleRef } from '../../../src/analysis/rbac/roles.js';
import { ruleKey } from '../../../src/analysis/rbac/rule.js';
import { matchesSelector } from '../../../src/model/inventory.js';
import { aggregationChain, mutualAggregation } from '../../../bench/algorithmic-generate.js';
import { inventoryOf, modelOf } from './helpers.js';
import { mulberry32 as prng } from '../../helpers/random.js';

/** The walk from each aggregated role, every role at a time (quadratic): the semantics the fast path must keep. */
function reference(roles: Map<string, RoleInfo>): Map<string, { rules: RuleRef[]; from: string[] }> {
  const clusterRoles = [...roles.values()].filter((r) => r.kind === 'ClusterRole').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const matches = (r: RoleInfo): RoleInfo[] => {
    const seen = new Set<RoleInfo>();
    const m: RoleInfo[] = [];
    for (const sel of r.selectors ?? []) for (const c of clusterRoles) if (c !== r && !seen.has(c) && matchesSelector(c.object.labels, sel)) (seen.add(c), m.push(c));
    return m;
  };
  const out = new Map<string, { rules: RuleRef[]; from: string[] }>();
  for (const root of clusterRoles.filter((r) => r.selectors)) {
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
      for (const ref of r.rules) if (!keys.has(ruleKey(ref.rule))) (keys.add(ruleKey(ref.rule)), rules.push(ref));
    }
    out.set(root.name, { rules, from });
  }
  return out;
}


const RULES = ['{apiGroups: [""], resources: [pods], verbs: [get]}', '{apiGroups: [""], resources: [secrets], verbs: [get]}', '{apiGroups: [apps], resources: [deployments], verbs: [list]}', '{apiGroups: [""], resources: [pods], verbs: [get]}'];

function randomRoles(r: () => number): string {
  const n = 3 + Math.floor(r() * 10);
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    const labels = ['a', 'b', 'c', 'd'].filter(() => r() < 0.4).map((l) => `${l}: "true"`).join(', ');
    const sels = r() < 0.5 ? Array.from({ length: 1 + Math.floor(r() * 2) }, () => `{matchLabels: {${['a', 'b', 'c', 'd'][Math.floor(r() * 4)]}: "true"}}`) : [];
    const rules = Array.from({ length: Math.floor(r() * 3) }, () => RULES[Math.floor(r() * RULES.length)]);
    // Names out of input order, so "sorted by name" matters.
    docs.push(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r${(i * 7) % n}-${i}\n  labels: {${labels}}${sels.length ? `\naggregationRule:\n  clusterRoleSelectors: [${sels.join(', ')}]` : ''}\nrules: [${rules.join(', ')}]`);
  }
  return docs.join('\n---\n');
}

test('aggregation equals the role-by-role walk on 400 random graphs (cycles included): rules, names, holders', () => {
  const r = prng(12);
  let cyclic = 0;
  for (let s = 0; s < 400; s++) {
    const yaml = randomRoles(r);
    const expected = reference(readRoles(inventoryOf([{ text: yaml, file: 'x.yaml' }]).objects).roles);
    const model = modelOf(yaml);
    for (const [name, want] of expected) {
      const got = model.roles.get(`ClusterRole\u0000${name}`)!;
      assert.deepEqual(got.rules.map((x) => `${x.source.name}#${x.index}`), want.rules.map((x) => `${x.source.name}#${x.index}`), `scenario ${s} ${name}\n${yaml}`);
      assert.deepEqual(got.aggregatedFrom, want.from, `scenario ${s} ${name}`);
      if (want.from.some((x) => expected.get(x)?.from.includes(name))) cyclic++;
    }
    for (const role of model.allRoles) {
      const holders = [...expected].filter(([, v]) => v.from.includes(role.name)).map(([k]) => k).sort();
      assert.deepEqual(model.aggregatedInto(role).map((h) => h.name).sort(), holders, `scenario ${s} holders of ${role.name}\n${yaml}`);
    }
  }
  assert.ok(cyclic > 20, `cycles exercised: ${cyclic}`);
});

test('a 20,000-role chain and 3,000 mutually aggregating roles: work linear in roles', () => {
  const count = (yaml: string) => {
    aggregationWork.selectorTests = 0, aggregationWork.edges = 0, aggregationWork.merged = 0;
    const model = modelOf(yaml);
    return { model, ...aggregationWork };
  };
  const chain = count(aggregationChain(20000));
  assert.equal(chain.model.roles.get('ClusterRole\u0000chain-0')!.rules.length, 4, 'the head holds the last role\'s rules');
  assert.ok(chain.selectorTests <= 2 * 20000 && chain.edges <= 3 * 20000 && chain.merged <= 2 * 20000, JSON.stringify({ ...chain, model: 0 }));
  assert.equal(chain.model.aggregatedInto(chain.model.roles.get('ClusterRole\u0000chain-19999')!).length, 19999);
  const mutual = count(mutualAggregation(3000));
  assert.equal(mutual.model.roles.get('ClusterRole\u0000mutual-1234')!.rules.length, 4);
  assert.ok(mutual.selectorTests <= 2 * 3004 && mutual.edges <= 4 * 3004 && mutual.merged <= 2 * 3004, JSON.stringify({ ...mutual, model: 0 }));
});
