import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

/** Issue 13's catalog items, one manifest each, scanned end to end through the CLI. */
const HEX = '0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31';
const MANIFESTS: Record<string, string> = {
  'digest.yaml': `apiVersion: v1
kind: Pod
metadata: {name: digests, namespace: shop}
spec:
  containers:
    - {name: short, image: "registry.example.com/a@sha256:abc"}
    - {name: upper, image: "registry.example.com/b@sha256:${HEX.toUpperCase()}"}
    - {name: sha512, image: "registry.example.com/c@sha512:${HEX}"}
    - {name: good, image: "registry.example.com/d:1.0@sha256:${HEX}"}
`,
  'cloud-keys.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: cloud, namespace: shop}
data:
  AZURE_STORAGE_KEY: "Zq3Jd8Lk2mPz9Xw4rT7vB1nY6hF0sA5cE3gU8iO2pK9lM4jN7bV1xZ6qW3eR8tY5uIo0pA9sD8fG7hJ6kL5zX4c=="
  AZURE_BATCH_KEY: <batch-key>
  AZURE_TENANT_ID: 72f988bf-86f1-41af-91ab-2d7cd011db47
`,
  'env-secrets.yaml': `apiVersion: v1
kind: Pod
metadata: {name: env-secrets, namespace: shop}
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0@sha256:${HEX}
      env:
        - name: DB_PASSWORD
          valueFrom: {secretKeyRef: {name: db, key: password}}
      envFrom:
        - secretRef: {name: app-env}
`,
  'service-accounts.yaml': `apiVersion: v1
kind: ServiceAccount
metadata: {name: default, namespace: team}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: api, namespace: team}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata: {name: old-field, namespace: team}
spec:
  serviceAccount: api
  containers: [{name: app, image: "registry.example.com/app:1.0@sha256:${HEX}"}]
---
apiVersion: v1
kind: Pod
metadata: {name: typo, namespace: team}
spec:
  serviceAccountName: apl
  automountServiceAccountToken: false
  containers: [{name: app, image: "registry.example.com/app:1.0@sha256:${HEX}"}]
`,
  'images.yaml': `apiVersion: v1
kind: Pod
metadata: {name: images, namespace: shop}
spec:
  containers:
    - {name: frozen, image: "k8s.gcr.io/pause:3.2"}
    - {name: channel, image: "quay.io/acme/web:stable"}
    - {name: pinned, image: "ghcr.io/acme/api:2.0"}
`,
  'ssh.yaml': `apiVersion: v1
kind: Pod
metadata: {name: bastion, namespace: shop}
spec:
  containers:
    - name: sshd
      image: registry.example.com/bastion:1.0@sha256:${HEX}
      ports: [{containerPort: 22}]
`,
  'host-credentials.yaml': `apiVersion: v1
kind: Pod
metadata: {name: deployer, namespace: shop}
spec:
  containers:
    - name: deployer
      image: registry.example.com/deployer:1.0@sha256:${HEX}
      volumeMounts: [{name: aws, mountPath: /root/.aws, readOnly: true}]
  volumes:
    - {name: aws, hostPath: {path: /.aws}}
`,
  'scc.yaml': `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata: {name: wide-open}
allowPrivilegedContainer: true
allowHostNetwork: true
allowHostPID: true
runAsUser: {type: RunAsAny}
seLinuxContext: {type: RunAsAny}
`,
};

/** Each item's checks, run alone so the counts are exactly theirs. */
const ITEM_CHECKS = [
  'image-not-pinned-by-digest', 'configmap-credential-key', 'secret-as-env-var', 'default-service-account-automount',
  'deprecated-service-account-field', 'service-account-not-found', 'image-registry-frozen', 'image-tag-latest',
  'image-registry-denied', 'ssh-server-in-container', 'sensitive-host-path', 'openshift-scc-privileged',
  'openshift-scc-host-access', 'openshift-scc-run-as-any-user',
];

interface Found { checkId: string; severity: string; object: { name: string }; path: string; message: string }

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-issue13-'));
  for (const [name, text] of Object.entries(MANIFESTS)) await writeFile(join(dir, name), text);
});

async function scanJson(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Found[]> {
  const r = await runCli(['scan', dir, '--checks', ITEM_CHECKS.join(','), '-o', 'json', '--no-progress', ...args], { env });
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return (JSON.parse(r.stdout) as { findings: Found[] }).findings;
}

const line = (f: Found) => `${f.checkId} ${f.severity} ${f.object.name} ${f.path}`;

test('issue 13: every item gives exactly its findings through `kubeward scan`', async () => {
  const findings = await scanJson([]);
  assert.deepEqual(findings.map(line).sort(), [
    'configmap-credential-key high cloud /data/AZURE_STORAGE_KEY',
    'default-service-account-automount low default /metadata/name',
    'deprecated-service-account-field low old-field /spec/serviceAccount',
    'image-not-pinned-by-digest low images /spec/containers/0/image',
    'image-not-pinned-by-digest low images /spec/containers/1/image',
    'image-not-pinned-by-digest low images /spec/containers/2/image',
    'image-not-pinned-by-digest medium digests /spec/containers/0/image',
    'image-not-pinned-by-digest medium digests /spec/containers/1/image',
    'image-not-pinned-by-digest medium digests /spec/containers/2/image',
    'image-registry-frozen medium images /spec/containers/0/image',
    'image-tag-latest medium images /spec/containers/1/image',
    'openshift-scc-host-access high wide-open /allowHostNetwork',
    'openshift-scc-host-access high wide-open /allowHostPID',
    'openshift-scc-privileged high wide-open /allowPrivilegedContainer',
    'openshift-scc-run-as-any-user medium wide-open /runAsUser/type',
    'secret-as-env-var low env-secrets /spec/containers/0/env/0/valueFrom/secretKeyRef',
    'sensitive-host-path high deployer /spec/volumes/0/hostPath/path',
    'service-account-not-found low typo /spec/serviceAccountName',
    'ssh-server-in-container medium bastion /spec/containers/0/ports/0/containerPort',
  ]);
  const byCheck = (id: string) => findings.filter((f) => f.checkId === id).map((f) => f.message);
  assert.match(byCheck('image-registry-frozen')[0]!, /use registry\.k8s\.io\/pause instead/);
  assert.match(byCheck('sensitive-host-path')[0]!, /holds AWS credentials .*read-only/);
  assert.match(byCheck('secret-as-env-var')[0]!, /DB_PASSWORD \(Secret db, key password\); every key of Secret app-env/);
  assert.match(byCheck('image-not-pinned-by-digest').find((m) => m.includes('sha512'))!, /malformed digest: a sha512 digest has 128 hex characters, this one has 64/);
  // The credential's value never appears, only its length.
  assert.ok(!JSON.stringify(findings).includes('Zq3Jd8Lk2'));
});

test('deny-list and floating tags: the flags, the environment and .kubeward.yaml keys', async () => {
  const ids = (fs: Found[], id: string) => fs.filter((f) => f.checkId === id).map((f) => `${f.object.name} ${f.path}`).sort();
  // Flags: quay.io/acme denied; only "prod" floats, so :stable no longer does.
  let fs = await scanJson(['--denied-registries', 'quay.io/acme,docker.io', '--floating-tags', 'prod']);
  assert.deepEqual(ids(fs, 'image-registry-denied'), ['images /spec/containers/1/image']);
  assert.deepEqual(ids(fs, 'image-tag-latest'), []);
  // Environment variables.
  fs = await scanJson([], { KUBEWARD_DENIED_REGISTRIES: 'ghcr.io', KUBEWARD_FLOATING_TAGS: 'stable,2.0' });
  assert.deepEqual(ids(fs, 'image-registry-denied'), ['images /spec/containers/2/image']);
  assert.deepEqual(ids(fs, 'image-tag-latest'), ['images /spec/containers/1/image', 'images /spec/containers/2/image']);
  // Config keys, found in the scanned directory.
  await writeFile(join(dir, '.kubeward.yaml'), 'deniedRegistries: [k8s.gcr.io, registry.example.com/bastion]\nfloatingTags: ["3.2"]\n');
  try {
    fs = await scanJson([]);
    assert.deepEqual(ids(fs, 'image-registry-denied'), ['bastion /spec/containers/0/image', 'images /spec/containers/0/image']);
    assert.deepEqual(ids(fs, 'image-tag-latest'), ['images /spec/containers/0/image']);
    // A flag wins over the config file.
    fs = await scanJson(['--floating-tags', 'latest']);
    assert.deepEqual(ids(fs, 'image-tag-latest'), []);
  } finally {
    await writeFile(join(dir, '.kubeward.yaml'), '{}\n');
  }
});
