// The compiled selectors the matrix uses answer exactly as the model's matchesSelector.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selects } from '../../../src/analysis/netpol/selector.js';
import { matchesSelector, type LabelSelector } from '../../../src/model/inventory.js';

test('compiled selectors agree with matchesSelector on every combination of a small label space', () => {
  const values = [undefined, 'a', 'b'];
  const labelSets: Record<string, string>[] = [];
  for (const x of values) for (const y of values) {
    const l: Record<string, string> = {};
    if (x) l.x = x;
    if (y) l.y = y;
    labelSets.push(l);
  }
  const selectors: LabelSelector[] = [{}, { matchLabels: {} }, { matchLabels: { x: 'a' } }, { matchLabels: { x: 'a', y: 'b' } }, { matchExpressions: [{ key: 'x', operator: 'Bogus' }] }];
  for (const op of ['In', 'NotIn', 'Exists', 'DoesNotExist']) {
    for (const vals of [[], ['a'], ['a', 'b']]) {
      selectors.push({ matchExpressions: [{ key: 'x', operator: op, values: vals }] });
      selectors.push({ matchLabels: { y: 'a' }, matchExpressions: [{ key: 'x', operator: op, values: vals }, { key: 'y', operator: 'Exists' }] });
    }
  }
  let n = 0;
  for (const s of selectors) for (const l of labelSets) {
    assert.equal(selects(l, s), matchesSelector(l, s), `${JSON.stringify(s)} on ${JSON.stringify(l)}`);
    n++;
  }
  assert.equal(n, selectors.length * 9);
});
