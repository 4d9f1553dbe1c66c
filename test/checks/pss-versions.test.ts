// Version-dependent Pod Security behaviour the upstream fixtures do not exercise, each at the version
// before and at the version it changes (see docs/pod-security.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../../src/engine/run-checks.js';
import { CHECKS } from '../../src/checks/index.js';
import type { PssLevel } from '../../src/frameworks/pss.js';
import { Inventory } from '../../src/model/inventory.js';
import { loadText, withIds } from '../../src/sources/manifests.js';

const PSS = CHECKS.filter((c) => c.frameworks.pss);

/** The check ids that report the pod spec at level:v1.minor. */
function ids(level: PssLevel, minor: number, spec: string, metadata = ''): string[] {
  const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${metadata}spec:\n${spec}`;
  const { objects } = loadText(yaml, 'p.yaml');
  const findings = runChecks(PSS, new Inventory(withIds(objects)), [], { pss: { level, minor, version: `v1.${minor}` } });
  return [...new Set(findings.map((f) => f.checkId))].sort();
}

const RESTRICTED_OK = `  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: c
      image: app:1.0
      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`;

test('restricted baseline pod passes at every version it is valid for', () => {
  for (const minor of [0, 8, 19, 22, 23, 25, 34, 35, 37]) assert.deepEqual(ids('restricted', minor, RESTRICTED_OK), [], `v1.${minor}`);
});

test('an image volume is allowed at restricted at every version (added to PSA\'s v1.0 rule); nfs never', () => {
  const withImage = RESTRICTED_OK + '  volumes: [{name: v, image: {reference: "registry.example.com/data:1"}}]\n';
  assert.deepEqual(ids('restricted', 25, withImage), []);
  assert.deepEqual(ids('restricted', 25, RESTRICTED_OK + '  volumes: [{name: v, nfs: {server: s, path: /}}]\n'), ['restricted-volume-types']);
});

test('hostUsers: false exempts runAsNonRoot and runAsUser from v1.35, not before', () => {
  const spec = `  hostUsers: false
  securityContext: {runAsUser: 0, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: c
      image: app:1.0
      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
`;
  assert.deepEqual(ids('restricted', 34, spec), ['run-as-non-root', 'run-as-user-root']);
  assert.deepEqual(ids('restricted', 35, spec), []);
});

test('Windows pods: allowPrivilegeEscalation, capabilities and seccomp are exempt from v1.25 at restricted', () => {
  const spec = `  os: {name: windows}
  securityContext: {runAsNonRoot: true}
  containers:
    - name: c
      image: app:1.0
`;
  assert.deepEqual(ids('restricted', 24, spec), ['allow-privilege-escalation', 'capabilities-drop-all', 'seccomp-profile-unset']);
  assert.deepEqual(ids('restricted', 25, spec), []);
  // capabilities_restricted replaces capabilities_baseline at restricted, so a Windows pod adding SYS_ADMIN is admitted there…
  const adds = spec.replace('image: app:1.0', 'image: app:1.0\n      securityContext: {capabilities: {add: [SYS_ADMIN]}}');
  assert.deepEqual(ids('restricted', 25, adds), []);
  // …but not at baseline, which has no Windows exemption.
  assert.deepEqual(ids('baseline', 25, adds), ['capabilities-added']);
});

test('probe hosts are forbidden from v1.34; container_engine_t is allowed from v1.31', () => {
  const probe = `  containers:
    - name: c
      image: app:1.0
      readinessProbe: {tcpSocket: {host: 10.0.0.1, port: 80}}
`;
  assert.deepEqual(ids('baseline', 33, probe), []);
  assert.deepEqual(ids('baseline', 34, probe), ['probe-host']);
  const selinux = `  securityContext: {seLinuxOptions: {type: container_engine_t}}
  containers: [{name: c, image: "app:1.0"}]
`;
  assert.deepEqual(ids('baseline', 30, selinux), ['selinux-options']);
  assert.deepEqual(ids('baseline', 31, selinux), []);
});

test('seccomp: the alpha annotations are judged before v1.19, the fields from v1.19; AppArmor fields at every version', () => {
  const annotated = '  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n';
  const plain = '  containers: [{name: c, image: "app:1.0"}]\n';
  assert.deepEqual(ids('baseline', 18, plain, annotated), ['seccomp-profile-unconfined']);
  assert.deepEqual(ids('baseline', 19, plain, annotated), []);
  const field = '  securityContext: {seccompProfile: {type: Unconfined}}\n' + plain;
  assert.deepEqual(ids('baseline', 18, field), []);
  assert.deepEqual(ids('baseline', 19, field), ['seccomp-profile-unconfined']);
  const apparmor = '  securityContext: {appArmorProfile: {type: Unconfined}}\n' + plain;
  assert.deepEqual(ids('baseline', 0, apparmor), ['apparmor-profile-unconfined']);
  // A container annotation for a container the pod does not have is not PSA's business (seccomp), but any AppArmor one is.
  assert.deepEqual(ids('baseline', 18, plain, '  annotations:\n    container.seccomp.security.alpha.kubernetes.io/ghost: unconfined\n'), []);
});

test('a restricted control that replaces a baseline one is the only finding at restricted, and the baseline one is the finding by default', () => {
  const hostPath = RESTRICTED_OK + '  volumes: [{name: v, hostPath: {path: /etc}}]\n';
  assert.deepEqual(ids('restricted', 37, hostPath), ['restricted-volume-types']);
  assert.deepEqual(ids('baseline', 37, hostPath), ['host-path-volume']);
  const { objects } = loadText(`apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${hostPath}`, 'p.yaml');
  const byDefault = runChecks(PSS, new Inventory(withIds(objects)), []).map((f) => f.checkId);
  assert.deepEqual(byDefault, ['host-path-volume']);
});
