import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { helmPipeHint, renderHelmChart } from '../../src/sources/helm.js';
import { fixtures, needTool, toolEnv } from './tools.js';

const chart = join(fixtures, 'chart-web');

test('helm template renders the chart; each document maps to its template with lines relative to it', async (t) => {
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
  assert.deepEqual(byKind('ConfigMap').raw.data, { maxmemory: '128mb' });
  // deployment.yaml renders line for line: privileged is on line 22 of the template and of its document.
  const privileged = deploy.source.positions.locate('/spec/template/spec/containers/0/securityContext/privileged');
  assert.deepEqual(privileged, { line: 22, column: 13 });
  assert.deepEqual(deploy.source.positions.locate('/kind'), { line: 3, column: 1 });
  // service.yaml holds two documents: each is counted from its own "# Source:" comment.
  assert.deepEqual(byKind('Service').source.positions.locate('/spec/ports/0/port'), { line: 9, column: 7 });
  assert.deepEqual(byKind('ServiceAccount').source.positions.locate('/automountServiceAccountToken'), { line: 5, column: 1 });
});

test('a chart helm cannot render is a problem on its Chart.yaml with helm\'s error', async (t) => {
  if (!(await needTool(t, 'helm'))) return;
  const broken = join(fixtures, 'chart-broken');
  const r = await renderHelmChart(broken, {}, toolEnv());
  assert.equal(r.loaded.objects.length, 0);
  assert.equal(r.loaded.problems.length, 1);
  const p = r.loaded.problems[0]!;
  assert.equal(p.code, 'invalid-manifest');
  assert.equal(p.file, join(broken, 'Chart.yaml'));
  assert.deepEqual([p.line, p.column], [1, 1]);
  assert.match(p.message, /^helm template failed \(exit code 1\): Error: .*missing in charts\/ directory: postgresql/);
});

test('helm not on PATH: no objects, and a warning with the exact command to pipe instead', async () => {
  const r = await renderHelmChart('charts/web', { releaseName: 'my-release', namespace: 'prod', values: ['values prod.yaml'], set: ['a=b'] }, { PATH: '' });
  assert.deepEqual(r.loaded, { objects: [], problems: [], documents: 0 });
  assert.deepEqual(r.warnings, [
    "helm is not on PATH: render the chart and pipe it in: helm template my-release ./charts/web --namespace prod -f 'values prod.yaml' --set a=b | kubeward scan -",
  ]);
});

test('the pipe hint keeps absolute and dotted paths as given and defaults the release name', () => {
  assert.equal(helmPipeHint('./chart'), 'helm template release-name ./chart | kubeward scan -');
  assert.equal(helmPipeHint('/srv/charts/web'), 'helm template release-name /srv/charts/web | kubeward scan -');
});
