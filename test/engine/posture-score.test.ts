import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postureScore } from '../../src/engine/posture-score.js';

const none = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

test('postureScore: compliance sections decide when present (their mean, sections that evaluated nothing left out)', () => {
  assert.equal(postureScore({ summary: { objects: 3, findings: { ...none, critical: 9 } }, compliance: [{ score: 0.5 }, { score: 0.3 }, { score: null }] }), 40);
  assert.equal(postureScore({ summary: { objects: 3, findings: none }, compliance: [{ score: 1 }] }), 100);
});

test('postureScore: otherwise 100 × objects / (objects + severity-weighted findings)', () => {
  assert.equal(postureScore({ summary: { objects: 10, findings: none } }), 100);
  assert.equal(postureScore({ summary: { objects: 10, findings: { ...none, info: 50 } } }), 100, 'info weighs nothing');
  assert.equal(postureScore({ summary: { objects: 1, findings: { ...none, high: 1 } } }), 16.7);
  assert.equal(postureScore({ summary: { objects: 10, findings: { ...none, critical: 1 } } }), 50);
  assert.equal(postureScore({ summary: { objects: 0, findings: { ...none, low: 1 } } }), 50, 'no objects counts as one');
  const fewer = postureScore({ summary: { objects: 20, findings: { ...none, medium: 4 } } });
  const more = postureScore({ summary: { objects: 20, findings: { ...none, medium: 8 } } });
  assert.ok(more < fewer);
});
