import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CHECKS } from '../../../src/checks/index.js';
import { scan } from '../example-helpers.js';
import { Inventory } from '../../../src/model/inventory.js';
import { loadText, withIds } from '../../../src/sources/manifests.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/accuracy/${name}`, import.meta.url), 'utf8');
const podChecks = CHECKS.filter((c) => c.subject === 'container' || c.subject === 'pod');
const podSpecs = (text: string) => new Inventory(withIds(loadText(text, 'x.yaml').objects)).podSpecs().length;

for (const [file, what] of [
  ['kubeflow-manager-prometheus-metrics-patch.yaml', 'a Kustomize patch whose containers have no image'],
  ['kyverno-disallow-latest-tag.yaml', 'a Kyverno ClusterPolicy (patterns, not pod specs)'],
  ['argo-cd-prometheus-cr-healthy.yaml', "a Prometheus CR's container overrides"],
] as const) {
  test(`${what} carries no pod spec, so no container or pod check reports on it (${file})`, () => {
    const text = fixture(file);
    assert.equal(podSpecs(text), 0);
    assert.deepEqual(scan(podChecks, text).findings.map((f) => `${f.checkId} ${f.path}`), []);
  });
}

test('the same patch with an image is a pod spec again, and is reported', () => {
  const text = fixture('kubeflow-manager-prometheus-metrics-patch.yaml').replace('- name: manager\n', '- name: manager\n        image: example.com/manager:1.0\n');
  assert.equal(podSpecs(text), 1);
  assert.ok(scan(podChecks, text).findings.some((f) => f.checkId === 'run-as-non-root'));
});

test('a malformed image (a number, an empty string) is bad input, not a fragment: still a pod spec', () => {
  const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: ${image}}]\n`;
  assert.equal(podSpecs(pod('42')), 1);
  assert.equal(podSpecs(pod('""')), 1);
});

test('a custom resource outside the policy engines still has its pod specs found', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec:
  template:
    spec:
      containers: [{name: c, image: example.com/app:1.0}]
`;
  assert.equal(podSpecs(text), 1);
});
