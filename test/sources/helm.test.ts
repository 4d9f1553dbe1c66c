import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { helmPipeHint, renderHelmChart } from '../../src/sources/helm.js';
import { fixtures, needTool, toolEnv } from './tools.js';

const chart = join(fixtures, 'chart-web');

test('helm template renders the chart; each document maps to its template, each field to its line in the template', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const r = await renderHelmChart(
    chart,
    { releaseName: 'rel', namespace: 'prod', values: [join(chart, 'values-prod.yaml')], set: ['cache.maxMemory=128mb'] },
    toolEnv(),
  );
  assert.deepEqual(r.loaded.problems, []);
  const got = r.loaded.objects.map((o) => `${o.kind} ${o.name} ${o.source.rendered} ${o.source.file}`).sort();
  assert.deepEqual(got, [
    `ConfigMap rel-cache helm ${join(chart, 'charts', 'cache', 'templates', 'configmap.yaml')}`,
    `Deployment rel-web helm ${join(chart, 'templates', 'deployment.yaml')}`,
    `Service rel-web helm ${join(chart, 'templates', 'service.yaml')}`,
    `ServiceAccount rel-web helm ${join(chart, 'templates', 'service.yaml')}`,
  ]);
  // Document indexes are those of helm's output stream.
  assert.deepEqual(r.loaded.objects.map((o) => o.source.document).sort(), [0, 1, 2, 3]);
  const byKind = (k: string) => r.loaded.objects.find((o) => o.kind === k)!;
  const deploy = byKind('Deployment');
  // Values file and --set reached the templates.
  assert.equal((deploy.raw.spec as { replicas: number }).replicas, 3);
  assert.equal(byKind('ConfigMap').namespace, 'prod');
  // Templates that set no namespace land in the release namespace, as helm install --namespace puts them.
  assert.equal(byKind('Deployment').namespace, 'prod');
  assert.equal(byKind('Deployment').raw.metadata && (byKind('Deployment').raw.metadata as { namespace?: string }).namespace, undefined);
  assert.deepEqual(byKind('ConfigMap').raw.data, { maxmemory: '128mb' });
  // deployment.yaml renders line for line: privileged is on line 22 of the template and of its document.
  const privileged = deploy.source.positions.locate('/spec/template/spec/containers/0/securityContext/privileged');
  assert.deepEqual(privileged, { line: 22, column: 13 });
  assert.deepEqual(deploy.source.positions.locate('/kind'), { line: 3, column: 1 });
  // service.yaml holds two documents: lines are the template file's own, the second document's included.
  assert.deepEqual(byKind('Service').source.positions.locate('/spec/ports/0/port'), { line: 9, column: 7 });
  assert.deepEqual(byKind('ServiceAccount').source.positions.locate('/automountServiceAccountToken'), { line: 15, column: 1 });
  // A field written by an include (selector labels) is at its parent key; a field nobody wrote at the deepest key found.
  assert.deepEqual(byKind('Service').source.positions.locate('/spec/selector/app'), { line: 6, column: 3 });
  assert.deepEqual(byKind('Service').source.positions.locate(''), { line: 1, column: 1 });
});

test('a chart whose dependencies are missing is an error naming them, with the helm dependency build to run', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const broken = join(fixtures, 'chart-broken');
  const r = await renderHelmChart(broken, {}, toolEnv());
  assert.deepEqual(r.loaded, { objects: [], problems: [], documents: 0 });
  assert.deepEqual(r.errors, [`${broken}: chart dependencies missing in charts/: postgresql: run helm dependency build ${broken}, then scan again`]);
});

test('a chart helm fails to render for another reason is an error with helm\'s message', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-helm-'));
  await mkdir(join(dir, 'templates'));
  await writeFile(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: bad\nversion: 0.1.0\n');
  await writeFile(join(dir, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.x.y.z }}\n');
  const r = await renderHelmChart(dir, {}, toolEnv());
  assert.equal(r.errors?.length, 1);
  assert.match(r.errors![0]!, new RegExp(`^${join(dir, 'Chart.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: helm template failed \\(exit code 1\\): .*nil pointer`));
});

test('helm neither on PATH nor in the tools dir: an error with the exact command to pipe instead', async () => {
  const r = await renderHelmChart('charts/web', { releaseName: 'my-release', namespace: 'prod', values: ['values prod.yaml'], set: ['a=b'] }, { PATH: '', KUBEWARD_TOOLS_DIR: '' });
  assert.deepEqual(r.loaded, { objects: [], problems: [], documents: 0 });
  assert.deepEqual(r.errors, [
    "charts/web: a Helm chart, but helm is not on PATH: install helm (or run scripts/install-tools.sh in the kubeward package), or render it and pipe it in: helm template my-release ./charts/web --namespace prod -f 'values prod.yaml' --set a=b | kubeward scan -",
  ]);
});

test('with nothing on PATH, helm is found in the package .tools/bin', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const r = await renderHelmChart(join(fixtures, 'chart-web'), {}, { PATH: '' });
  assert.equal(r.errors, undefined);
  assert.ok(r.loaded.objects.length > 0);
});

test('the pipe hint keeps absolute and dotted paths as given and defaults the release name', () => {
  assert.equal(helmPipeHint('./chart'), 'helm template release-name ./chart | kubeward scan -');
  assert.equal(helmPipeHint('/srv/charts/web'), 'helm template release-name /srv/charts/web | kubeward scan -');
});
