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
  // Lines are those of the object in its own file, and the origin annotations asked for are gone.
  assert.deepEqual(deploy.source.positions.locate('/kind'), { line: 2, column: 1 });
  assert.deepEqual(deploy.source.positions.locate('/spec/template/spec/containers/0/image'), { line: 17, column: 11 });
  for (const o of r.loaded.objects) {
    assert.equal(o.annotations['config.kubernetes.io/origin'], undefined);
    assert.equal(JSON.stringify(o.raw).includes('config.kubernetes.io/origin'), false);
  }
  // A generated object points at its generator in the kustomization.
  assert.deepEqual(r.loaded.objects.find((o) => o.kind === 'ConfigMap')!.source.positions.locate('/data'), { line: 11, column: 5 });
});

test('without origin annotations in the kustomization, objects still point at their own files (kubeward asks for them)', async (t) => {
  if (!(await needTool(t, 'kustomize', 'kubectl'))) return;
  const dir = join(root, 'base');
  const r = await renderKustomization(dir, join(dir, 'kustomization.yaml'), toolEnv());
  assert.deepEqual(r.loaded.problems, []);
  assert.deepEqual(r.loaded.objects.map((o) => `${o.kind} ${o.source.file}`).sort(), [
    `Deployment ${join(dir, 'deployment.yaml')}`,
    `Service ${join(dir, 'service.yaml')}`,
  ]);
  assert.ok(r.loaded.objects.every((o) => Object.keys(o.annotations).length === 0 && !('annotations' in (o.raw.metadata as object))));
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
