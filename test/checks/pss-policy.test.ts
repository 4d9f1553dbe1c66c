import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS, findCheck } from '../../src/checks/index.js';
import { namespacePss, parsePssSetting } from '../../src/frameworks/pss-policy.js';
import { controlsAt } from '../../src/frameworks/pss.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';
import type { PssSetting } from '../../src/frameworks/pss-policy.js';

function run(yaml: string, pss?: PssSetting) {
  const { objects } = loadText(yaml, 'x.yaml');
  const checks = CHECKS.filter((c) => c.frameworks.pss);
  return runChecks(checks, new Inventory(withIds(objects)), [], pss ? { pss } : {});
}

const pod = (ns: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: ${ns}}
spec:
  securityContext:
    sysctls:
      - name: net.ipv4.tcp_rmem
        value: "4096 87380 6291456"${extra}
  containers:
    - name: c
      image: app:1.0
`;

test('--pss values parse, and bad ones are refused with the accepted forms', () => {
  assert.deepEqual(parsePssSetting('restricted:v1.29'), { level: 'restricted', minor: 29, version: 'v1.29' });
  assert.deepEqual(parsePssSetting('baseline'), { level: 'baseline', minor: 37, version: 'latest' });
  assert.deepEqual(parsePssSetting('latest'), { level: 'all', minor: 37, version: 'latest' });
  assert.deepEqual(parsePssSetting('v1.99'), { level: 'all', minor: 37, version: 'v1.99' }, 'newer than known clamps to the newest, as PSA does');
  for (const bad of ['privileged', 'restricted:1.29', 'v2.0', 'restricted:v1.29:x', '']) assert.ok('error' in parsePssSetting(bad), bad);
});

test('controls per level and version follow PSA, overrides included', () => {
  assert.ok(!controlsAt('restricted', 18).includes('seccompProfile_restricted'));
  assert.ok(controlsAt('restricted', 18).includes('seccompProfile_baseline'));
  assert.ok(!controlsAt('restricted', 19).includes('seccompProfile_baseline'), 'overridden from v1.19');
  assert.ok(!controlsAt('restricted', 0).includes('hostPathVolumes'), 'restrictedVolumes replaces it');
  assert.ok(controlsAt('baseline', 37).includes('hostPathVolumes'));
  assert.ok(!controlsAt('baseline', 33).includes('hostProbesAndHostLifecycle'));
  assert.deepEqual(controlsAt('privileged', 37), []);
});

test('a sysctl safe from v1.32 is a finding at baseline:v1.31 and not at baseline:v1.32', () => {
  const at = (minor: number) => run(pod('x'), { level: 'baseline', minor, version: `v1.${minor}` }).filter((f) => f.checkId === 'sysctls-unsafe');
  assert.equal(at(31).length, 1);
  assert.match(at(31)[0]!.message, /\(Pod Security baseline:v1\.31\)$/);
  assert.deepEqual(at(31)[0]!.pss, { policies: ['baseline:v1.31'] });
  assert.equal(at(32).length, 0);
});

test('--pss baseline leaves restricted controls out', () => {
  const ids = run(pod('x'), { level: 'baseline', minor: 37, version: 'latest' }).map((f) => f.checkId);
  assert.ok(!ids.includes('run-as-non-root') && !ids.includes('allow-privilege-escalation'));
  const all = run(pod('x')).map((f) => f.checkId);
  assert.ok(all.includes('run-as-non-root') && all.includes('allow-privilege-escalation'));
});

test('namespace labels decide the level and version for that namespace, each mode judged on its own', () => {
  const ns = `apiVersion: v1
kind: Namespace
metadata:
  name: team
  labels:
    pod-security.kubernetes.io/enforce: baseline
    pod-security.kubernetes.io/enforce-version: v1.31
    pod-security.kubernetes.io/warn: restricted
---
`;
  const findings = run(ns + pod('team'), { level: 'baseline', minor: 37, version: 'latest' });
  const sysctl = findings.filter((f) => f.checkId === 'sysctls-unsafe');
  // Unsafe at v1.31 (enforce), safe at latest (warn): only enforce reports it.
  assert.deepEqual(sysctl.map((f) => f.pss), [{ policies: ['enforce=baseline:v1.31'] }]);
  assert.match(sysctl[0]!.message, /\(Pod Security enforce=baseline:v1\.31\)$/);
  // warn=restricted applies restricted controls although --pss says baseline: the labels win.
  const nonRoot = findings.filter((f) => f.checkId === 'run-as-non-root');
  assert.deepEqual(nonRoot.map((f) => f.pss), [{ policies: ['warn=restricted:latest'] }]);
  // A pod in another namespace keeps the scan's setting.
  const other = run(ns + pod('elsewhere'), { level: 'baseline', minor: 37, version: 'latest' });
  assert.deepEqual(other.filter((f) => f.checkId === 'sysctls-unsafe'), []);
  assert.deepEqual(other.filter((f) => f.checkId === 'run-as-non-root'), []);
});

test('a namespace labelled privileged gets no Pod Security findings; an invalid label means restricted:latest', () => {
  const privileged = `apiVersion: v1
kind: Namespace
metadata: {name: sys, labels: {pod-security.kubernetes.io/enforce: privileged}}
---
`;
  assert.deepEqual(run(privileged + pod('sys', '\n  hostNetwork: true')).map((f) => f.checkId), []);
  assert.deepEqual(namespacePss({ 'pod-security.kubernetes.io/audit': 'strict' }), {
    modes: { audit: { level: 'restricted', minor: 37, version: 'latest' } },
    invalid: ['audit'],
  });
  assert.equal(namespacePss({ 'app.kubernetes.io/name': 'x' }), undefined);
});

test('the same field violated in several modes gives one finding listing every mode, enforce first', () => {
  const ns = `apiVersion: v1
kind: Namespace
metadata:
  name: team
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/audit-version: v1.25
---
`;
  const f = run(ns + pod('team')).filter((x) => x.checkId === 'allow-privilege-escalation');
  assert.equal(f.length, 1);
  assert.deepEqual(f[0]!.pss, { policies: ['enforce=restricted:latest', 'audit=restricted:v1.25'] });
  assert.ok(findCheck('allow-privilege-escalation'));
});
