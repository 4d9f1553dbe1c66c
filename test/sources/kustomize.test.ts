import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { kustomizePipeHint, renderKustomization } from '../../src/sources/kustomize.js';
import { fixtures, needTool, toolEnv } from './tools.js';

const root = join(fixtures, 'kustomize');

test('an overlay with originAnnotations maps each object to the file it came from', async (t) => {
  if (!(await needTool(t, 'kustomize', 'kubectl'))) return;
  const dir = join(root, 'overlays', 'prod');
  const r = await renderKustomization(dir, join(dir, 'kustomization.yaml'), toolEnv());
  assert.deepEqual(r.loaded.problems, []);
  const got = r.loaded.objects.map((o) => `${o.kind} ${o.namespace}/${o.name} ${o.source.rendered} ${o.source.file}`).sort();
  assert.deepEqual(got, [
    `ConfigMap prod/${r.loaded.objects.find((o) => o.kind === 'ConfigMap')!.name} kustomize ${join(dir, 'kustomization.yaml')}`, // generated: configuredIn
    `Deployment prod/api kustomize ${join(root, 'base', 'deployment.yaml')}`,
    `NetworkPolicy prod/default-deny kustomize ${join(dir, 'network-policy.yaml')}`,
    `Service prod/api kustomize ${join(root, 'base', 'service.yaml')}`,
  ]);
  const deploy = r.loaded.objects.find((o) => o.kind === 'Deployment')!;
  assert.equal((deploy.raw.spec as { replicas: number }).replicas, 3); // the overlay's patch applied
  // Lines are relative to the object's document in the rendered output.
  assert.deepEqual(deploy.source.positions.locate('/kind'), { line: 2, column: 1 });
  assert.deepEqual(deploy.source.positions.locate('/apiVersion'), { line: 1, column: 1 });
});

test('without origin annotations objects are reported against the kustomization file', async (t) => {
  if (!(await needTool(t, 'kustomize', 'kubectl'))) return;
  const dir = join(root, 'base');
  const r = await renderKustomization(dir, join(dir, 'kustomization.yaml'), toolEnv());
  assert.deepEqual(r.loaded.problems, []);
  assert.deepEqual(r.loaded.objects.map((o) => `${o.kind} ${o.source.file}`).sort(), [
    `Deployment ${join(dir, 'kustomization.yaml')}`,
    `Service ${join(dir, 'kustomization.yaml')}`,
  ]);
});

test('a kustomization that fails to build is an error on its kustomization file', async (t) => {
  if (!(await needTool(t, 'kustomize', 'kubectl'))) return;
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-kust-'));
  await writeFile(join(dir, 'kustomization.yaml'), 'resources:\n  - missing.yaml\n');
  const r = await renderKustomization(dir, join(dir, 'kustomization.yaml'), toolEnv());
  assert.deepEqual(r.loaded, { objects: [], problems: [], documents: 0 });
  assert.equal(r.errors?.length, 1);
  assert.ok(r.errors![0]!.startsWith(`${join(dir, 'kustomization.yaml')}: `), r.errors![0]);
  assert.match(r.errors![0]!, /: (kustomize build|kubectl kustomize) failed \(exit code 1\): .*missing\.yaml.*: fix the kustomization/);
});

test('no kustomize and no kubectl: an error with the exact command to pipe instead', async () => {
  const r = await renderKustomization('overlays/prod', 'overlays/prod/kustomization.yaml', { PATH: '', KUBEWARD_TOOLS_DIR: '' });
  assert.deepEqual(r.loaded, { objects: [], problems: [], documents: 0 });
  assert.deepEqual(r.errors, ['overlays/prod: a kustomization, but kustomize and kubectl are not on PATH: install kubectl (or run scripts/install-tools.sh in the kubeward package), or render it and pipe it in: kubectl kustomize ./overlays/prod | kubeward scan -']);
  assert.equal(kustomizePipeHint('/abs/dir'), 'kubectl kustomize /abs/dir | kubeward scan -');
});
