import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyExceptions, parseExceptions, type LookupObject, type PolicyException } from '../../src/policy/exceptions.js';
import { CHECKS, finding, LOAD_CHECK } from './make-finding.js';

const NOW = new Date('2026-03-01T23:30:00Z');
const none: LookupObject = () => undefined;

function exceptions(yaml: string): PolicyException[] {
  const { exceptions, errors } = parseExceptions(yaml, 'ex.yaml');
  assert.deepEqual(errors, []);
  return exceptions;
}

describe('exceptions file', () => {
  it('matches kind case-insensitively, namespace and glob names, and records reason, owner and expiry', () => {
    const ex = exceptions(`
exceptions:
  - check: privileged-container
    object: {kind: daemonset, namespace: kube-system, name: "cilium-*"}
    reason: CNI needs host access
    owner: platform
    expires: 2026-03-01
`);
    const fs = [
      finding('privileged-container', { kind: 'DaemonSet', namespace: 'kube-system', name: 'cilium-agent' }),
      finding('privileged-container', { kind: 'DaemonSet', namespace: 'kube-system', name: 'calico-node' }),
      finding('privileged-container', { kind: 'DaemonSet', namespace: 'default', name: 'cilium-agent' }),
      finding('privileged-container', { kind: 'Deployment', namespace: 'kube-system', name: 'cilium-operator' }),
      finding('run-as-root', { kind: 'DaemonSet', namespace: 'kube-system', name: 'cilium-agent' }),
    ];
    const r = applyExceptions(fs, none, ex, NOW, CHECKS);
    assert.deepEqual(r.suppressed, [{ finding: fs[0], by: 'exceptions-file', reason: 'CNI needs host access', owner: 'platform', expires: '2026-03-01' }]);
    assert.deepEqual(r.kept, fs.slice(1));
    assert.deepEqual(r.warnings, []);
  });

  it('compares namespace with the namespace the object lands in', () => {
    const ex = exceptions('exceptions: [{check: run-as-root, object: {namespace: default}, reason: r, owner: o}]');
    const r = applyExceptions([finding('run-as-root', { namespace: undefined }), finding('run-as-root', { namespace: 'prod' })], none, ex, NOW, CHECKS);
    assert.deepEqual(r.suppressed.map((s) => s.finding.object?.namespace), [undefined]);
    const cluster = applyExceptions([finding('run-as-root', { kind: 'ClusterRole', namespace: undefined })], none, ex, NOW, CHECKS);
    assert.equal(cluster.kept.length, 1);
  });

  it('names checks by alias, by list, or * for all', () => {
    const ex = exceptions(`
exceptions:
  - {check: [ksv017, C-0013], object: {name: web}, reason: aliases, owner: o}
  - {check: "*", object: {name: debug}, reason: all, owner: o}
`);
    const fs = [finding('privileged-container', { name: 'web' }), finding('run-as-root', { name: 'web' }), finding('host-pid', { name: 'web' }), finding('host-pid', { name: 'debug' })];
    const r = applyExceptions(fs, none, ex, NOW, CHECKS);
    assert.deepEqual(r.suppressed.map((s) => [s.finding.checkId, s.finding.object?.name, s.reason]), [
      ['privileged-container', 'web', 'aliases'],
      ['run-as-root', 'web', 'aliases'],
      ['host-pid', 'debug', 'all'],
    ]);
    assert.deepEqual(r.kept.map((f) => [f.checkId, f.object?.name]), [['host-pid', 'web']]);
  });

  it('selects by labels through the object lookup', () => {
    const ex = exceptions('exceptions: [{check: run-as-root, object: {labels: {team: legacy, tier: "1"}}, reason: r, owner: o}]');
    const labels: Record<string, Record<string, string>> = { old: { team: 'legacy', tier: '1', extra: 'x' }, half: { team: 'legacy' } };
    const lookup: LookupObject = (ref) => (labels[ref.name] ? { annotations: {}, labels: labels[ref.name]! } : undefined);
    const fs = [finding('run-as-root', { name: 'old' }), finding('run-as-root', { name: 'half' }), finding('run-as-root', { name: 'unknown' })];
    const r = applyExceptions(fs, lookup, ex, NOW, CHECKS);
    assert.deepEqual(r.suppressed.map((s) => s.finding.object?.name), ['old']);
  });

  it('matches files by glob, and excepts load problems by file only', () => {
    const ex = exceptions(`
exceptions:
  - {check: invalid-manifest, file: "charts/legacy/**", reason: broken chart, owner: o}
  - {check: invalid-manifest, object: {name: "*"}, reason: never for load problems, owner: o}
  - {check: run-as-root, file: "*.generated.yaml", reason: generated, owner: o}
`);
    const fs = [
      finding('invalid-manifest', undefined, { file: 'charts/legacy/templates/x.yaml' }),
      finding('invalid-manifest', undefined, { file: 'charts/current/x.yaml' }),
      finding('run-as-root', {}, { file: './out/a.generated.yaml' }),
      finding('run-as-root', {}, { file: '/abs/repo/out/b.yaml' }),
    ];
    const r = applyExceptions(fs, none, ex, NOW, [...CHECKS, LOAD_CHECK]);
    assert.deepEqual(r.suppressed.map((s) => [s.finding.location.file, s.reason]), [
      ['charts/legacy/templates/x.yaml', 'broken chart'],
      ['./out/a.generated.yaml', 'generated'],
    ]);
    assert.deepEqual(r.warnings, ['exception #2 matched no finding (owner o: "never for load problems"); remove it or fix its selector']);
  });

  it('never applies an expired exception, and warns naming it', () => {
    const ex = exceptions(`
exceptions:
  - {check: host-pid, reason: first, owner: carol}
  - {check: host-pid, reason: second, owner: dave}
  - {check: run-as-root, reason: temporary, owner: alice, expires: 2026-02-28}
`);
    const r = applyExceptions([finding('run-as-root', {})], none, ex, NOW, CHECKS);
    assert.equal(r.kept.length, 1);
    assert.equal(r.suppressed.length, 0);
    assert.ok(r.warnings.includes('exception #3 (owner alice: "temporary") expired on 2026-02-28 and no longer applies'));
  });

  it('applies an exception through its expiry day in UTC', () => {
    const ex = exceptions('exceptions: [{check: run-as-root, reason: r, owner: o, expires: 2026-03-01}]');
    assert.equal(applyExceptions([finding('run-as-root', {})], none, ex, new Date('2026-03-01T23:59:59Z'), CHECKS).suppressed.length, 1);
    assert.equal(applyExceptions([finding('run-as-root', {})], none, ex, new Date('2026-03-02T00:00:00Z'), CHECKS).suppressed.length, 0);
  });

  it('warns about exceptions that matched nothing and unknown check names', () => {
    const ex = exceptions(`
exceptions:
  - {check: run-as-root, object: {name: web}, reason: used, owner: o}
  - {check: run-as-root, object: {name: gone}, reason: stale, owner: bob}
  - {check: run-as-rooot, reason: typo, owner: o}
`);
    const r = applyExceptions([finding('run-as-root', { name: 'web' })], none, ex, NOW, CHECKS);
    assert.equal(r.suppressed.length, 1);
    assert.deepEqual(r.warnings, [
      'exception #3 (owner o: "typo") names unknown check "run-as-rooot"',
      'exception #2 matched no finding (owner bob: "stale"); remove it or fix its selector',
      'exception #3 matched no finding (owner o: "typo"); remove it or fix its selector',
    ]);
  });

  it('records the first matching exception, and counts overlapping ones as used', () => {
    const ex = exceptions(`
exceptions:
  - {check: "*", object: {name: "w*"}, reason: broad, owner: o}
  - {check: run-as-root, object: {name: web}, reason: narrow, owner: o}
`);
    const r = applyExceptions([finding('run-as-root', { name: 'web' })], none, ex, NOW, CHECKS);
    assert.equal(r.suppressed[0]!.reason, 'broad');
    assert.deepEqual(r.warnings, []);
  });

  it('runs after annotations: a finding set aside by annotation is not seen by the file', () => {
    const ex = exceptions('exceptions: [{check: run-as-root, reason: file, owner: o}]');
    const lookup: LookupObject = () => ({ annotations: { 'kubeward.io/ignore': 'run-as-root: annotation' }, labels: {} });
    const r = applyExceptions([finding('run-as-root', {})], lookup, ex, NOW, CHECKS);
    assert.deepEqual(r.suppressed.map((s) => [s.by, s.reason]), [['annotation', 'annotation']]);
  });
});
