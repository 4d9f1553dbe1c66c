// Fingerprints identify findings across runs: baselines (--baseline) and stored results match on them. These
// values were computed by the rule runners before they were merged into one registry and one finding builder
// (src/model/finding.ts makeFinding); a change here breaks every user's baseline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageUses } from '../../src/analysis/image/workload-images.js';
import { CHECKS } from '../../src/checks/index.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { runDockerfileChecks } from '../../src/engine/run-dockerfile-checks.js';
import { imageFindings, runImageRules } from '../../src/engine/run-image-rules.js';
import type { Finding } from '../../src/model/finding.js';
import type { ImageCheckInput } from '../../src/model/image-input.js';
import { Inventory } from '../../src/model/inventory.js';
import { parseDockerfile } from '../../src/sources/dockerfile/parse.js';
import { loadText, withIds } from '../../src/sources/manifests.js';
import type { VulnMatch } from '../../src/vuln/types.js';

const MANIFEST = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n  name: dup\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      hostPID: true\n      containers:\n        - name: app\n          image: nginx:latest\n          securityContext:\n            privileged: true\n          env:\n            - name: DB_PASSWORD\n              value: hunter2hunter2x\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: admins\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n  - {kind: ServiceAccount, name: default, namespace: shop}\n---\n: bad: [\n";
const DOCKERFILE = "FROM ubuntu\nRUN apt-get update && apt-get install -y curl && curl https://x.example/i.sh | sh\nRUN sudo rm -rf /tmp/x\nADD app.tar.gz /app\nENV API_TOKEN=abcdef123456\nEXPOSE 22\n";
const IMAGE: ImageCheckInput = {"reference": "oci-layout:example:t", "config": {"Env": ["PATH=/usr/bin", "DB_PASSWORD=hunter2hunter2"]}, "shadow": "bin:!::\nroot::18000:0:::::\n", "suidFiles": [{"path": "/usr/bin/su", "mode": 2541}]};
const WORKLOAD = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      initContainers: [{name: init, image: busybox}]\n      containers:\n        - name: app\n          image: registry.example/team/web:1.2\n";
const VULN: VulnMatch = {"id": "CVE-2019-8457", "aliases": [], "severity": "critical", "fixedIn": "3.28.0-r0", "source": "alpine-secdb:v3.9/main", "package": {"type": "apk", "name": "sqlite-libs", "version": "3.26.0-r3", "purl": "pkg:apk/alpine/sqlite-libs@3.26.0-r3", "location": {"path": "lib/apk/db/installed"}}};

const ids = (fs: readonly Finding[]) => fs.map((f) => `${f.checkId} ${f.path} ${f.fingerprint}`).sort();

test('manifest and load-problem findings keep their fingerprints', () => {
  const { objects, problems } = loadText(MANIFEST, 'deploy.yaml');
  assert.deepEqual(ids(runChecks(CHECKS, new Inventory(withIds(objects)), problems)), [
    "allow-privilege-escalation /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation 14a3fd39d66a59d2dd3676917ef4b2f3",
    "automount-service-account-token /spec/template/spec/automountServiceAccountToken c884dfbaf28e745ac0c19896484e236f",
    "capabilities-drop-all /spec/template/spec/containers/0/securityContext/capabilities/drop 0beb496c9d4db5a20e5dd30d118e2639",
    "default-service-account /spec/template/spec/serviceAccountName f1f6e18e032561b04ffd481568b907de",
    "duplicate-key  131320d43027b8802337353f30e4ea06",
    "ephemeral-storage-limit /spec/template/spec/containers/0/resources/limits/ephemeral-storage f37783156e058732d85afccc139766e0",
    "host-pid /spec/template/spec/hostPID 6dc63618af6cf64fca01a4911b7e2a6c",
    "host-users /spec/template/spec/hostUsers 5d3a615b3544bc64b1688a64dc75b778",
    "image-not-pinned-by-digest /spec/template/spec/containers/0/image a662e1f2b4fe9f8433dea5af662e9f18",
    "image-tag-latest /spec/template/spec/containers/0/image d95082c910554f7c6080c7319c0c4de2",
    "invalid-manifest  72c3e35d16daee27d0c656de6631ee8f",
    "liveness-probe-missing /spec/template/spec/containers/0/livenessProbe 3b4283f5cdde4836d6d1fba7ef0a07cf",
    "missing-default-deny-egress /metadata/namespace 5cc1756f00b0fcad888f203eb31a5648",
    "missing-default-deny-ingress /metadata/namespace a3ee29c58c11bcd75b8e62c70953fbf0",
    "net-raw-not-dropped /spec/template/spec/containers/0/securityContext/capabilities/drop cffc850b04dbd5b595db9a6a88b319b2",
    "privileged-container /spec/template/spec/containers/0/securityContext/privileged 107b34b87215943703f5a600a48863a7",
    "rbac-cluster-admin-binding /subjects/0 6a9f585765eb78f9f6d1db1b2da855b0",
    "rbac-default-service-account /subjects/0 96c98369fe5e8c24497e8df6a1b96048",
    "rbac-workload-power /spec/template/spec 1359518990cc832a4d95eb96b0094404",
    "read-only-root-filesystem /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem 14fc26702c69bbafec952455319de8f2",
    "readiness-probe-missing /spec/template/spec/containers/0/readinessProbe 79987c2415b4e45ff2f09b2121a18af3",
    "resource-limits /spec/template/spec/containers/0/resources/limits/cpu d04ab87190da9038738c11895b6a8bc1",
    "resource-limits /spec/template/spec/containers/0/resources/limits/memory e4e98ba087aa32f2a44c19bbd038efb5",
    "resource-requests /spec/template/spec/containers/0/resources/requests/cpu 0582e4170d43f23bae303d192149d9d3",
    "resource-requests /spec/template/spec/containers/0/resources/requests/memory a65c5c7e57961c905ee61c3432c9cf41",
    "run-as-non-root /spec/template/spec/containers/0/securityContext/runAsNonRoot ea8029470d17b1368c0249b56855f07c",
    "seccomp-profile-unset /spec/template/spec/containers/0/securityContext/seccompProfile/type 076687d35912fc3db2106217ede526b4",
    "secret-holder-internet-egress /spec/template/spec d52c9be1662a3d03ef88b2ba49d59cdd",
    "single-replica /spec/replicas 2eabea99c97c4b273804cd5c04c1a5cb",
    "workload-without-network-policy /metadata/name 1966b56cc20472d1faf5524fba214a99",
  ]);
});

test('a moved manifest keeps its fingerprints (file and line are not part of them)', () => {
  const a = loadText(MANIFEST, 'deploy.yaml');
  const b = loadText('# moved\n\n' + MANIFEST.replace('---', '---\n# a comment'), 'elsewhere/deploy.yaml');
  const fp = (l: typeof a) => runChecks(CHECKS, new Inventory(withIds(l.objects)), []).map((f) => f.fingerprint).sort();
  assert.deepEqual(fp(b), fp(a));
});

test('Dockerfile findings keep their fingerprints', () => {
  const invalid = CHECKS.find((c) => c.id === 'invalid-manifest')!;
  assert.deepEqual(ids(runDockerfileChecks(CHECKS, [parseDockerfile(DOCKERFILE, 'Dockerfile')], { problemCheck: invalid })), [
    "dockerfile-base-image-unpinned /instructions/0 6b1f5d09e3d562055c7f14a29bd5ced0",
    "dockerfile-curl-pipe-shell /instructions/1 98c523adfeacfaaaee0299215d5f702c",
    "dockerfile-expose-ssh /instructions/5 dde41820f0ef744f1840dc171ac174a6",
    "dockerfile-healthcheck-missing /instructions/0 537f387e4d52124faaa12dc1f3867087",
    "dockerfile-package-cache-not-cleaned /instructions/1 8eb08d0da41e465ebed63cec6e6a856d",
    "dockerfile-package-version-unpinned /instructions/1 a4122009cd7a2bcca4c58365b76e24b8",
    "dockerfile-root-user /instructions/0 36891a0aa1a3bbef8a2fb4b133571a7a",
    "dockerfile-secret-in-env-arg /instructions/4 d9eb2ae19e3d4e2ae4f708befa762880",
    "dockerfile-sudo /instructions/2 01471209443a0b419883ac5119f82fcd",
  ]);
});

test('image rule findings keep their fingerprints, in the image and moved onto workloads', () => {
  const inImage = runImageRules(CHECKS, IMAGE);
  assert.deepEqual(ids(inImage), [
    "image-env-secret /config/Env/1 e48740dedd43ec558b6ca28fe5d4ca0b",
    "image-no-healthcheck /config/Healthcheck 4b5806eda561cf79db2510a1f7b210c9",
    "image-root-empty-password  0a3b5710aaa021e578cacf4da7ff5b0c",
    "image-runs-as-root /config/User c65b9a7f43817607ef64cce28086af64",
    "image-suid-files  c9c7720849ca69b92aa23016bd75d17e",
  ]);
  const uses = imageUses(new Inventory(withIds(loadText(WORKLOAD, 'apps.yaml').objects)));
  const read = imageFindings(CHECKS, { reference: 'registry.example/team/web:1.2', vulnerabilities: [VULN], signature: { allowed: false, reason: 'no signature' }, configFindings: inImage }, uses);
  assert.deepEqual(ids(read), [
    "image-env-secret /spec/template/spec/containers/0/image 32156a2cf4356117ba58d9595f140901",
    "image-env-secret /spec/template/spec/initContainers/0/image 1164316d738f7fececa5b5ef9afbe079",
    "image-no-healthcheck /spec/template/spec/containers/0/image c8f2c93ad5082dc3bf6a3af98f305ab3",
    "image-no-healthcheck /spec/template/spec/initContainers/0/image 27bd50d407e688bbafbaafaea0380787",
    "image-not-signed /spec/template/spec/containers/0/image af2278d476ab5ad8a10ed0848ae3b5a1",
    "image-not-signed /spec/template/spec/initContainers/0/image 2d614aaf121a74641b927cd65f33ae94",
    "image-root-empty-password /spec/template/spec/containers/0/image 9f4265418b32370bbf49cc62718963bc",
    "image-root-empty-password /spec/template/spec/initContainers/0/image 18c5932e1d96ded4048bcb9a4fc046c0",
    "image-runs-as-root /spec/template/spec/containers/0/image fb67731d43917009bc4907c27c9f98c6",
    "image-runs-as-root /spec/template/spec/initContainers/0/image d6d424ba812efe9e88854eabee5a7f92",
    "image-suid-files /spec/template/spec/containers/0/image e9bc928ea124c7305fd3506aa6053228",
    "image-suid-files /spec/template/spec/initContainers/0/image 93e593d858526e352e055fd30e363ae1",
    "image-vulnerability /spec/template/spec/containers/0/image 34f2d068301407b0bd648ab2c059342c",
    "image-vulnerability /spec/template/spec/initContainers/0/image a25bea7da43da4e2274bf5de8f07d527",
  ]);
  const unread = imageFindings(CHECKS, { reference: 'x', error: 'connect ECONNREFUSED', signature: { allowed: false, reason: 'no signature' } }, uses);
  assert.deepEqual(ids(unread), [
    "image-not-scanned /spec/template/spec/containers/0/image 6a267d2f8a594dd43fbb02f85365ec9b",
    "image-not-scanned /spec/template/spec/initContainers/0/image bcbdc10879f2e39a295923f53ec94d15",
    "image-not-signed /spec/template/spec/containers/0/image af2278d476ab5ad8a10ed0848ae3b5a1",
    "image-not-signed /spec/template/spec/initContainers/0/image 2d614aaf121a74641b927cd65f33ae94",
  ]);
});
