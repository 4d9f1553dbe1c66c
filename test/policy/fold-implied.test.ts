import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../src/model/finding.js';
import { foldImplied } from '../../src/policy/fold-implied.js';

const finding = (checkId: string, severity: Finding['severity'], path: string, name = 'agent'): Finding => ({
  checkId, severity, path, title: checkId, message: `${checkId} says`, category: 'workload', remediation: '', frameworks: {}, fingerprint: `${checkId}${path}${name}`,
  object: { apiVersion: 'v1', kind: 'Pod', name }, location: { file: 'p.yaml', line: 1, column: 1 },
});
const RULES = [
  { id: 'runtime-socket-mounted', implies: ['sensitive-host-path'] },
  { id: 'sensitive-host-path', implies: ['host-path-volume'] },
  { id: 'host-path-volume' },
];

test('implied findings on the same volume fold under the most specific one, transitively, taking the highest severity', () => {
  const v0 = '/spec/volumes/0/hostPath/path';
  const { shown, implied } = foldImplied([
    finding('host-path-volume', 'high', v0),
    finding('sensitive-host-path', 'medium', v0),
    finding('runtime-socket-mounted', 'critical', v0),
    // Another volume, another pod: nothing to fold.
    finding('host-path-volume', 'high', '/spec/volumes/1/hostPath/path'),
    finding('host-path-volume', 'high', v0, 'other'),
  ], RULES);
  assert.deepEqual(shown.map((f) => `${f.checkId} ${f.severity} ${f.object!.name} ${f.path}`), [
    `runtime-socket-mounted critical agent ${v0}`,
    'host-path-volume high agent /spec/volumes/1/hostPath/path',
    `host-path-volume high other ${v0}`,
  ]);
  assert.equal(shown[0]!.message, 'runtime-socket-mounted says; also implies: host-path-volume (high), sensitive-host-path (medium)');
  assert.deepEqual(shown[0]!.implies, ['host-path-volume', 'sensitive-host-path']);
  assert.deepEqual(implied.map((f) => `${f.checkId} ${f.impliedBy}`), ['host-path-volume runtime-socket-mounted', 'sensitive-host-path runtime-socket-mounted']);

  // A less severe specific finding takes the severity of what it folds: folding never lowers what --fail-on sees.
  const two = foldImplied([finding('sensitive-host-path', 'medium', v0), finding('host-path-volume', 'high', v0)], RULES);
  assert.deepEqual(two.shown.map((f) => `${f.checkId} ${f.severity}`), ['sensitive-host-path high']);
  // Nothing implied: the list is returned as it was.
  assert.deepEqual(foldImplied([finding('host-path-volume', 'high', v0)], RULES).implied, []);
});
