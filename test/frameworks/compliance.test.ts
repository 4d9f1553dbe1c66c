import assert from 'node:assert/strict';
import { test } from 'node:test';
import { frameworkCompliance, type ControlCompliance } from '../../src/checks/compliance.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { CHECKS, findCheck } from '../../src/checks/index.js';
import { FRAMEWORKS, findFramework } from '../../src/frameworks/catalog.js';
import { CIS_CONTROLS, CIS_NEEDS } from '../../src/frameworks/cis.js';
import { MITRE_NEEDS, MITRE_TECHNIQUES } from '../../src/frameworks/mitre.js';
import { NEEDS } from '../../src/frameworks/needs.js';
import { NSA_NEEDS, NSA_SECTIONS } from '../../src/frameworks/nsa.js';
import { OWASP_K8S_TOP10, OWASP_NEEDS } from '../../src/frameworks/owasp.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

const YAML = `apiVersion: v1
kind: Namespace
metadata: {name: sys, labels: {pod-security.kubernetes.io/enforce: privileged}}
---
apiVersion: v1
kind: Pod
metadata: {name: bad, namespace: app}
spec:
  containers:
    - {name: c, image: "app:1.0", securityContext: {privileged: true}}
---
apiVersion: v1
kind: Pod
metadata: {name: good, namespace: app}
spec:
  containers:
    - {name: c, image: "app:1.0"}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: sys}
spec:
  containers:
    - {name: c, image: "agent:1.0", securityContext: {privileged: true}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: app}
`;

function setup(ran = CHECKS) {
  const { objects, problems } = loadText(YAML, 'x.yaml');
  const inventory = new Inventory(withIds(objects));
  const findings = runChecks(ran, inventory, problems);
  return { inventory, findings, ran };
}

const control = (list: ControlCompliance[], id: string) => list.find((c) => c.id === id)!;

test('every framework control has an explicit need, and only known needs', () => {
  for (const [table, needs] of [[CIS_CONTROLS, CIS_NEEDS], [NSA_SECTIONS, NSA_NEEDS], [MITRE_TECHNIQUES, MITRE_NEEDS], [OWASP_K8S_TOP10, OWASP_NEEDS]] as const) {
    assert.deepEqual(Object.keys(needs).sort(), Object.keys(table).sort());
    for (const n of Object.values(needs)) assert.ok((NEEDS as readonly string[]).includes(n), n);
  }
  for (const f of FRAMEWORKS) for (const c of f.controls) assert.ok((NEEDS as readonly string[]).includes(c.needs), `${f.id} ${c.id}`);
});

test('CIS 5.2.2: a privileged pod fails it; pods in a namespace labelled privileged were not judged and do not count', () => {
  const { inventory, findings, ran } = setup();
  const cis = frameworkCompliance(findFramework('cis')!, { inventory, allChecks: CHECKS, ran, findings, inputs: ['manifests'] });
  const c = control(cis.controls, '5.2.2');
  assert.equal(c.status, 'failed');
  assert.deepEqual([c.resources, c.passedResources], [2, 1]);
  assert.deepEqual(c.checks, ['openshift-scc-privileged', 'privileged-container']);
  // 5.2.3 (hostPID) passes both judged pods.
  assert.deepEqual([control(cis.controls, '5.2.3').status, control(cis.controls, '5.2.3').resources], ['passed', 2]);
});

test('controls that need a cluster, or that no check covers, are never counted as passed', () => {
  const { inventory, findings, ran } = setup();
  const cis = frameworkCompliance(findFramework('cis')!, { inventory, allChecks: CHECKS, ran, findings, inputs: ['manifests'] });
  const needsCluster = control(cis.controls, '5.2.1');
  assert.equal(needsCluster.status, 'not-evaluated');
  assert.match(needsCluster.reason!, /needs cluster input/);
  // Given a cluster input, the same control is still not evaluated: no check judges it.
  const withCluster = frameworkCompliance(findFramework('cis')!, { inventory, allChecks: CHECKS, ran, findings, inputs: ['manifests', 'cluster'] });
  assert.match(control(withCluster.controls, '5.2.1').reason!, /no kubeward check covers it/);
  assert.equal(cis.passed + cis.failed + cis.notEvaluated, cis.controls.length);
  assert.equal(cis.notEvaluated, cis.controls.filter((c) => c.status === 'not-evaluated').length);
  assert.ok(cis.controls.every((c) => c.status !== 'passed' || (c.resources > 0 && c.checks.length > 0)));
});

test('the score is the mean over evaluated controls of passed ÷ resources', () => {
  const { inventory, findings, ran } = setup();
  const cis = frameworkCompliance(findFramework('cis')!, { inventory, allChecks: CHECKS, ran, findings, inputs: ['manifests'] });
  const evaluated = cis.controls.filter((c) => c.status !== 'not-evaluated');
  const mean = evaluated.reduce((s, c) => s + c.passedResources / c.resources, 0) / evaluated.length;
  assert.equal(cis.score, mean);
  assert.ok(cis.score! > 0 && cis.score! < 1);
});

test('checks left out by --checks make their controls "not evaluated", not passed', () => {
  const only = [findCheck('host-pid')!];
  const { inventory, findings } = setup(only);
  const cis = frameworkCompliance(findFramework('cis')!, { inventory, allChecks: CHECKS, ran: only, findings, inputs: ['manifests'] });
  assert.match(control(cis.controls, '5.2.2').reason!, /were not run/);
  assert.equal(control(cis.controls, '5.2.3').status, 'passed');
  assert.equal(cis.score, 1);
  assert.equal(cis.passed, 1);
});

test('--pss baseline: restricted controls of pss-restricted are not evaluated, baseline ones are', () => {
  const { objects } = loadText(YAML, 'x.yaml');
  const inventory = new Inventory(withIds(objects));
  const pss = { level: 'baseline' as const, minor: 37, version: 'latest' };
  const findings = runChecks(CHECKS, inventory, [], { pss });
  const r = frameworkCompliance(findFramework('pss-restricted')!, { inventory, allChecks: CHECKS, ran: CHECKS, findings, inputs: ['manifests'], pss });
  assert.equal(control(r.controls, 'runAsNonRoot').status, 'not-evaluated');
  assert.equal(control(r.controls, 'privileged').status, 'failed');
  assert.equal(r.controls.length, 19);
  assert.equal(findFramework('pss-baseline')!.controls.length, 12);
});

test('a framework with nothing to judge has no score', () => {
  const { objects } = loadText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'x.yaml');
  const inventory = new Inventory(withIds(objects));
  const r = frameworkCompliance(findFramework('pss-baseline')!, { inventory, allChecks: CHECKS, ran: CHECKS, findings: [], inputs: ['manifests'] });
  assert.equal(r.score, null);
  assert.equal(r.notEvaluated, r.controls.length);
});
