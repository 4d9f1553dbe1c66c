// `kubeward policy export-vap`: the YAML stream, --checks, --action, --namespace-selector, --list, bad requests.
// That the policies decide as kubeward does is test/oracle/vap-export.test.ts (a real API server).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { parseLabelSelector } from '../../src/engine/vap-export.js';
import { runCli } from '../helpers/cli.js';

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, any> };
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Obj | null).filter((o): o is Obj => o !== null);

describe('kubeward policy export-vap', () => {
  test('--checks: one ValidatingAdmissionPolicy and one Deny binding per check, over every pod-spec kind', async () => {
    const r = await runCli(['policy', 'export-vap', '--checks', 'privileged-container,host-pid']);
    assert.equal(r.code, 0, r.stderr);
    const objects = docs(r.stdout);
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(), [
      'ValidatingAdmissionPolicy/kubeward-host-pid', 'ValidatingAdmissionPolicy/kubeward-privileged-container',
      'ValidatingAdmissionPolicyBinding/kubeward-host-pid-deny', 'ValidatingAdmissionPolicyBinding/kubeward-privileged-container-deny',
    ]);
    const policy = objects.find((o) => o.metadata.name === 'kubeward-privileged-container')!;
    assert.equal(policy.spec.failurePolicy, 'Fail');
    assert.deepEqual(policy.spec.matchConstraints.resourceRules.flatMap((x: { resources: string[] }) => x.resources).sort(),
      ['cronjobs', 'daemonsets', 'deployments', 'jobs', 'pods', 'pods/ephemeralcontainers', 'replicasets', 'replicationcontrollers', 'statefulsets']);
    assert.deepEqual(policy.spec.variables.map((v: { name: string }) => v.name), ['podTemplate', 'podSpec', 'podMeta', 'podAnnotations', 'podSecurityContext', 'containers']);
    assert.match(policy.spec.validations[0].expression, /variables\.containers\.all\(c, !\(has\(c\.securityContext\) && has\(c\.securityContext\.privileged\)/);
    assert.match(policy.spec.validations[0].message, /^privileged-container: /);
    const binding = objects.find((o) => o.kind === 'ValidatingAdmissionPolicyBinding')!;
    assert.deepEqual(binding.spec.validationActions, ['Deny']);
    assert.deepEqual(binding.spec.matchResources.namespaceSelector, { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system'] }] });
    // The header says which selected checks are not exported.
    assert.match(r.stdout, /^# kubeward policy export-vap: 2 ValidatingAdmissionPolicies/);
  });

  test('--action Warn,Audit and --namespace-selector reach the bindings; options baked in are annotated', async () => {
    const r = await runCli(['policy', 'export-vap', '--checks', 'image-tag-latest', '--action', 'warn,Audit', '--namespace-selector', 'env in (prod, staging),!legacy']);
    assert.equal(r.code, 0, r.stderr);
    const [policy, binding] = docs(r.stdout);
    assert.equal(policy!.metadata.annotations!['kubeward.io/baked'], 'option floatingTags at its default list');
    assert.equal(binding!.metadata.name, 'kubeward-image-tag-latest-warn-audit');
    assert.deepEqual(binding!.spec.validationActions, ['Warn', 'Audit']);
    assert.deepEqual(binding!.spec.matchResources.namespaceSelector, {
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'staging'] }, { key: 'legacy', operator: 'DoesNotExist' }],
    });
  });

  test('--list: exported checks, and every other check with why it is not', async () => {
    const r = await runCli(['policy', 'export-vap', '--list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^exported \(\d+\):\n {2}allow-privilege-escalation/);
    assert.match(r.stdout, /\n {2}rbac-wildcard: /);
    assert.match(r.stdout, /\n {2}automount-service-account-token: reads the pod's ServiceAccount/);
    assert.match(r.stdout, /\n {2}apiserver-anonymous-auth: judges a control-plane or node component/);
  });

  test('a selection with nothing exportable gives no objects and says so', async () => {
    const r = await runCli(['policy', 'export-vap', '--checks', 'rbac-wildcard']);
    assert.equal(r.code, 0);
    assert.deepEqual(docs(r.stdout), []);
    assert.match(r.stdout, /# {3}rbac-wildcard: judges several objects together/);
    assert.match(r.stderr, /no check selected can be exported/);
  });

  test('bad requests: an unknown check, Deny with Warn, an unreadable selector (exit 2, nothing written)', async () => {
    for (const [args, message] of [
      [['--checks', 'no-such-check'], /unknown check: no-such-check/],
      [['--action', 'Deny,Warn'], /Deny and Warn cannot be combined/],
      [['--action', 'Block'], /Block/],
      [['--namespace-selector', 'a=b,,c'], /namespace selector: cannot read ""/],
    ] as const) {
      const r = await runCli(['policy', 'export-vap', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });

  test('label selectors in kubectl syntax', () => {
    assert.deepEqual(parseLabelSelector('team=web, tier==front,env!=dev,managed'), {
      matchLabels: { team: 'web', tier: 'front' },
      matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }, { key: 'managed', operator: 'Exists' }],
    });
    assert.deepEqual(parseLabelSelector('kubernetes.io/metadata.name notin (kube-system,kube-public)'), {
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'kube-public'] }],
    });
  });
});
