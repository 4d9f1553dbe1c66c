import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprint, hash128 } from '../../src/model/fingerprint.js';

test('hash128: 32 hex digits, deterministic, sensitive to every character', () => {
  const a = hash128('privileged-container\u0001apps\u0000Deployment\u0000prod\u0000web\u0001/spec');
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.equal(a, hash128('privileged-container\u0001apps\u0000Deployment\u0000prod\u0000web\u0001/spec'));
  const seen = new Set<string>();
  for (let i = 0; i < 20000; i++) seen.add(hash128(`check\u0001obj-${i}\u0001/spec/containers/${i % 7}`));
  assert.equal(seen.size, 20000, 'no collisions among 20,000 near-identical inputs');
  assert.notEqual(hash128('ab'), hash128('ba'));
  assert.equal(hash128(''), hash128(''));
});

test('fingerprint: same check, object and path → same value, whatever the apiVersion within a group', () => {
  const obj = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' };
  const f = fingerprint('host-pid', obj, '/spec/template/spec/hostPID');
  assert.equal(f, fingerprint('host-pid', { ...obj, apiVersion: 'apps/v1beta2' }, '/spec/template/spec/hostPID'));
  assert.notEqual(f, fingerprint('host-pid', { ...obj, namespace: 'dev' }, '/spec/template/spec/hostPID'));
  assert.notEqual(f, fingerprint('host-ipc', obj, '/spec/template/spec/hostPID'));
  assert.notEqual(fingerprint('invalid-manifest', undefined, '', 'a.yaml\u00000'), fingerprint('invalid-manifest', undefined, '', 'b.yaml\u00000'));
});
