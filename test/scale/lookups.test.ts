// Complexity of the lookups every finding, selector and policy goes through, asserted by counting the
// operations they do (never by time): each grows with the objects involved, not objects × objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { directMatcher } from '../../src/analysis/netpol/match.js';
import check from '../../src/checks/network/network-policy-dangling-selector.js';
import { Inventory } from '../../src/model/inventory.js';
import { LabelIndex } from '../../src/model/label-index.js';
import { objectLookup } from '../../src/policy/object-lookup.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

test('objectLookup: 4,000 same-named objects in 4,000 namespaces, 4,000 look-ups touch each candidate a bounded number of times', () => {
  let reads = 0;
  const objects = Array.from({ length: 4000 }, (_, i) => {
    const kind = i % 2 ? 'Deployment' : 'Service';
    return {
      apiVersion: i % 2 ? 'apps/v1' : 'v1',
      get kind() { reads++; return kind; },
      namespace: `team-${i >> 1}`,
      name: 'api',
      annotations: { n: String(i) },
      labels: {},
    };
  });
  const lookup = objectLookup(objects);
  const built = reads;
  let found = 0;
  for (let i = 0; i < 4000; i++) {
    const hit = lookup({ apiVersion: i % 2 ? 'apps/v1' : 'v1', kind: i % 2 ? 'Deployment' : 'Service', namespace: `team-${i >> 1}`, name: 'api' }, { file: 'x.yaml', document: 0 } as never);
    if (hit?.annotations.n === String(i)) found++;
  }
  assert.equal(found, 4000, 'each look-up finds its own object');
  assert.ok(built <= 2 * 4000, `building reads each object's kind a bounded number of times (${built})`);
  assert.ok(reads - built <= 3 * 4000, `look-ups read ${reads - built} kinds for 4,000 look-ups (a scan by name would read 16,000,000)`);
});

test('LabelIndex: candidates are the objects carrying the rarest matchLabels pair, in the order added', () => {
  const idx = new LabelIndex<string>();
  for (let i = 0; i < 1000; i++) idx.add(`ns-${i % 10}`, { tier: i % 2 ? 'web' : 'db', app: `a${i}` }, `o${i}`);
  assert.deepEqual(idx.candidates('ns-3', { matchLabels: { tier: 'web', app: 'a13' } }), ['o13']);
  assert.equal(idx.candidates('ns-3', { matchLabels: { tier: 'web' } }).length, 100);
  assert.equal(idx.candidates('ns-3', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }).length, 100, 'expressions are not indexed: every object of the group');
  assert.deepEqual(idx.candidates('ns-3', { matchLabels: { tier: 'none' } }), []);
  assert.deepEqual(idx.candidates('nowhere', {}), []);
});

test('network-policy-dangling-selector: policies are tested against the pods that can match them, not every pod', () => {
  const docs: string[] = [];
  const namespaces = 300;
  for (let n = 0; n < namespaces; n++) {
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-${n}, labels: {team: t${n % 5}}}`);
    for (let k = 0; k < 10; k++) docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${k}, namespace: ns-${n}}\nspec:\n  selector: {matchLabels: {app: app-${k}}}\n  template:\n    metadata: {labels: {app: app-${k}, tier: t${k % 3}}}\n    spec: {containers: [{name: c, image: i}]}`);
    for (let k = 0; k < 5; k++) docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p-${k}, namespace: ns-${n}}\nspec:\n  podSelector: {matchLabels: {app: app-${k === 4 ? 'missing' : k}}}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {tier: t${k % 3}}}\n        - namespaceSelector: {matchLabels: {team: t${k}}}\n          podSelector: {matchLabels: {app: app-${k}}}`);
  }
  const inventory = new Inventory(withIds(loadText(docs.join('\n---\n'), 'x.yaml').objects));
  const calls = { selects: 0, peer: 0 };
  const { npSelects, npPeer } = directMatcher;
  directMatcher.npSelects = (...a) => (calls.selects++, npSelects(...a));
  directMatcher.npPeer = (...a) => (calls.peer++, npPeer(...a));
  try {
    const found = check.run({ inventory } as never) as { issue: { path: string; message: string } }[];
    assert.equal(found.length, namespaces, 'one policy per namespace selects a missing app');
    const policies = namespaces * 5;
    assert.ok(calls.selects <= 2 * policies, `${calls.selects} podSelector tests for ${policies} policies`);
    assert.ok(calls.peer <= 4 * 2 * policies, `${calls.peer} peer tests for ${2 * policies} peers`);
  } finally {
    directMatcher.npSelects = npSelects;
    directMatcher.npPeer = npPeer;
  }
});
