import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containersOf } from '../../src/model/containers.js';
import { Inventory } from '../../src/model/inventory.js';
import { podSpecsOf } from '../../src/model/pod-specs.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

function objects(yaml: string) {
  const loaded = loadText(yaml, 'x.yaml');
  assert.deepEqual(loaded.problems, []);
  return withIds(loaded.objects);
}

const C = 'containers: [{name: app, image: "app:1"}]';

const cases: [string, string, string[]][] = [
  ['Pod', `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {${C}}`, ['/spec']],
  ['PodTemplate', `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: a}\ntemplate: {spec: {${C}}}`, ['/template/spec']],
  ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].map((k): [string, string, string[]] => [k, `apiVersion: apps/v1\nkind: ${k}\nmetadata: {name: a}\nspec: {template: {spec: {${C}}}}`, ['/spec/template/spec']]),
  ['Job', `apiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\nspec: {template: {spec: {${C}}}}`, ['/spec/template/spec']],
  ['ReplicationController', `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: a}\nspec: {template: {spec: {${C}}}}`, ['/spec/template/spec']],
  ['CronJob', `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: a}\nspec: {jobTemplate: {spec: {template: {spec: {${C}}}}}}`, ['/spec/jobTemplate/spec/template/spec']],
  ['Argo Rollout', `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: a}\nspec: {template: {spec: {${C}}}}`, ['/spec/template/spec']],
  // Knative's kind is "Service": the API group, not the kind, says whether it can carry a pod spec.
  ['Knative Service', `apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: a}\nspec: {template: {spec: {${C}}}}`, ['/spec/template/spec']],
  ['Kubeflow TFJob', `apiVersion: kubeflow.org/v1\nkind: TFJob\nmetadata: {name: a}\nspec:\n  tfReplicaSpecs:\n    PS: {template: {spec: {${C}}}}\n    Worker: {template: {spec: {${C}}}}`, ['/spec/tfReplicaSpecs/PS/template/spec', '/spec/tfReplicaSpecs/Worker/template/spec']],
  ['JobSet (list of templates)', `apiVersion: jobset.x-k8s.io/v1alpha2\nkind: JobSet\nmetadata: {name: a}\nspec:\n  replicatedJobs:\n    - name: w\n      template: {spec: {template: {spec: {${C}}}}}`, ['/spec/replicatedJobs/0/template/spec/template/spec']],
  ['KubeVirt-style deep nesting', `apiVersion: example.io/v1\nkind: Pool\nmetadata: {name: a}\nspec: {virtualMachineTemplate: {spec: {template: {spec: {${C}}}}}}`, ['/spec/virtualMachineTemplate/spec/template/spec']],
  ['Tekton TaskRun podTemplate without containers', `apiVersion: tekton.dev/v1\nkind: TaskRun\nmetadata: {name: a}\nspec: {podTemplate: {securityContext: {runAsNonRoot: true}}}`, []],
  ['core Service', `apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}], containers: [{name: x, image: y}]}`, []],
  ['ConfigMap', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {spec: x}`, []],
];

for (const [name, yaml, paths] of cases) {
  test(`pod specs of ${name}`, () => {
    const [o] = objects(yaml);
    assert.deepEqual(podSpecsOf(o!).map((p) => p.path), paths);
  });
}

test('template metadata goes with its spec; the Pod has its own metadata', () => {
  const [dep, pod] = objects(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: {a: outer}}\nspec: {template: {metadata: {labels: {a: inner}}, spec: {${C}}}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: pod}}\nspec: {${C}}`);
  const d = podSpecsOf(dep!)[0]!;
  assert.deepEqual([d.metadata, d.metadataPath], [{ labels: { a: 'inner' } }, '/spec/template/metadata']);
  const p = podSpecsOf(pod!)[0]!;
  assert.deepEqual([p.metadata.labels, p.metadataPath], [{ a: 'pod' }, '/metadata']);
});

test('containers: init, app and ephemeral alike, with paths; non-map entries skipped', () => {
  const [o] = objects(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers: [{name: i, image: a}]
  containers: [{name: c, image: b}, "junk", {name: d, image: c}]
  ephemeralContainers: [{name: e, image: d}]
`);
  const list = containersOf(podSpecsOf(o!)[0]!).map((c) => [c.role, c.name, c.path]);
  assert.deepEqual(list, [
    ['init', 'i', '/spec/initContainers/0'],
    ['app', 'c', '/spec/containers/0'],
    ['app', 'd', '/spec/containers/2'],
    ['ephemeral', 'e', '/spec/ephemeralContainers/0'],
  ]);
});

test('effective security context: container value wins, pod value fills in, structs replace as a whole', () => {
  const [o] = objects(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile: {type: Localhost, localhostProfile: p.json}
    windowsOptions: {runAsUserName: alice, hostProcess: false}
  containers:
    - name: a
      image: x
      securityContext:
        runAsUser: 0
        seccompProfile: {type: RuntimeDefault}
        windowsOptions: {hostProcess: true}
        privileged: true
`);
  const [c] = containersOf(podSpecsOf(o!)[0]!);
  assert.deepEqual(c!.effective('runAsUser'), { value: 0, path: '/spec/containers/0/securityContext/runAsUser', from: 'container' });
  assert.deepEqual(c!.effective('runAsNonRoot'), { value: true, path: '/spec/securityContext/runAsNonRoot', from: 'pod' });
  assert.equal(c!.effective('seccompProfile/type')?.value, 'RuntimeDefault');
  assert.equal(c!.effective('seccompProfile/localhostProfile'), undefined, 'the container struct replaces the pod struct');
  assert.equal(c!.effective('windowsOptions/hostProcess')?.value, true);
  assert.equal(c!.effective('windowsOptions/runAsUserName')?.from, 'pod', 'windowsOptions merge field by field');
  assert.equal(c!.effective('privileged')?.value, true);
});

test('inventory indexes: by kind, namespace (default for unset), name, labels and selectors', () => {
  const inv = new Inventory(objects(`apiVersion: v1
kind: Pod
metadata: {name: a, labels: {app: web, tier: fe}}
spec: {${C}}
---
apiVersion: v1
kind: Pod
metadata: {name: b, namespace: prod, labels: {app: web}}
spec: {${C}}
---
apiVersion: v1
kind: Namespace
metadata: {name: prod}
`));
  assert.deepEqual(inv.byKind('Pod').map((o) => o.name), ['a', 'b']);
  assert.deepEqual(inv.inNamespace('default').map((o) => o.name), ['a']);
  assert.equal(inv.get('Namespace', undefined, 'prod')?.kind, 'Namespace');
  assert.equal(inv.get('Pod', 'default', 'a')?.name, 'a');
  assert.deepEqual(inv.withLabel('app', 'web').map((o) => o.name), ['a', 'b']);
  assert.deepEqual(inv.select('Pod', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }).map((o) => o.name), ['b']);
  assert.deepEqual(inv.select('Pod', {}, 'prod').map((o) => o.name), ['b']);
  assert.equal(inv.containers().length, 2);
});
