import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

test('scan passes checkOptions from .kubeward.yaml to the checks (registry allow-list, removed-API target, resources)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubeward-check-options-'));
  await writeFile(
    join(dir, 'app.yaml'),
    `apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 3}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
    - name: web
      image: quay.io/acme/web:1.0
      resources: {limits: {memory: 128Mi}}
    - name: cache
      image: ghcr.io/acme/cache:2.0
      resources: {limits: {memory: 128Mi}}
`,
  );
  await writeFile(
    join(dir, '.kubeward.yaml'),
    `checks: [image-registry-not-allowed, deprecated-api-version, resource-limits]
checkOptions:
  image-registry-not-allowed:
    allowedRegistries: [ghcr.io/acme]
  deprecated-api-version:
    targetVersion: "1.25"
  resource-limits:
    resources: [memory]
`,
  );
  const r = await runCli(['scan', dir, '--config', join(dir, '.kubeward.yaml'), '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: { checkId: string; severity: string; path: string }[] };
  assert.deepEqual(report.findings.map((f) => `${f.checkId} ${f.severity} ${f.path}`).sort(), [
    'deprecated-api-version low /apiVersion',
    'image-registry-not-allowed medium /spec/containers/0/image',
  ]);
});
