import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHECKS, findCheck } from '../../src/checks/index.js';
import type { Check } from '../../src/checks/define.js';
import { fixObject } from '../../src/fix/fix-object.js';
import { scan } from './example-helpers.js';

function check(id: string): Check {
  const c = findCheck(id);
  assert.ok(c, `no check ${id}`);
  return c;
}

/** "checkId path" for every finding, sorted. */
function found(ids: string[], yaml: string): string[] {
  return scan(ids.map(check), yaml).findings.map((f) => `${f.checkId} ${f.path}`).sort();
}

test('a container override of pod-level runAsNonRoot: true is found on the container field', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: inherits
      image: app:1.0
    - name: overrides
      image: app:1.0
      securityContext:
        runAsNonRoot: false
`;
  const { findings } = scan([check('run-as-non-root')], yaml);
  assert.deepEqual(findings.map((f) => f.path), ['/spec/containers/1/securityContext/runAsNonRoot']);
  assert.equal(findings[0]!.location.line, 13);
  assert.match(findings[0]!.message, /"overrides"/);
});

test('pod-level runAsUser 0 is reported once, at the pod field', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    runAsUser: 0
  containers:
    - name: a
      image: app:1.0
    - name: b
      image: app:1.0
      securityContext:
        runAsUser: 1000
`;
  assert.deepEqual(found(['run-as-user-root'], yaml), ['run-as-user-root /spec/securityContext/runAsUser']);
});

test('init containers are checked like app containers', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: setup
      image: setup:1.0
      securityContext:
        privileged: true
  containers:
    - name: app
      image: app:1.0
`;
  assert.deepEqual(found(['privileged-container'], yaml), ['privileged-container /spec/initContainers/0/securityContext/privileged']);
});

test('ephemeral containers are checked, but never for resource limits they cannot set', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: app:1.0
      resources: {limits: {cpu: "1", memory: 1Gi}}
  ephemeralContainers:
    - name: debugger
      image: busybox
      securityContext:
        privileged: true
        capabilities: {add: [SYS_PTRACE]}
`;
  assert.deepEqual(found(['privileged-container', 'capabilities-added', 'image-tag-latest', 'resource-limits'], yaml), [
    'capabilities-added /spec/ephemeralContainers/0/securityContext/capabilities/add/0',
    'image-tag-latest /spec/ephemeralContainers/0/image',
    'privileged-container /spec/ephemeralContainers/0/securityContext/privileged',
  ]);
});

test('objects without pod specs never get workload findings', () => {
  const yaml = `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  pod.yaml: |
    spec:
      hostPID: true
      containers: [{name: x, image: "x:latest", securityContext: {privileged: true}}]
---
apiVersion: v1
kind: Namespace
metadata: {name: n}
`;
  // The Namespace lacks default deny (CIS 5.3.2 covers every namespace): a namespace finding, not a workload one.
  assert.deepEqual(scan(CHECKS, yaml).findings.map((f) => `${f.checkId} ${f.object?.kind ?? ''}`), ['missing-default-deny-ingress Namespace', 'missing-default-deny-egress Namespace'].sort((a, b) => a.localeCompare(b)));
});

test('a CronJob and an Argo Rollout are checked at their pod template paths', () => {
  const yaml = `apiVersion: batch/v1
kind: CronJob
metadata: {name: cj}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostNetwork: true
          restartPolicy: Never
          containers:
            - name: job
              image: job:1.0
              securityContext: {privileged: true}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: ro}
spec:
  strategy: {canary: {steps: [{setWeight: 20}]}}
  template:
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: web:2.0
          securityContext: {privileged: true}
`;
  const { findings } = scan([check('privileged-container'), check('host-network')], yaml);
  assert.deepEqual(
    findings.map((f) => `${f.object?.kind} ${f.checkId} ${f.path} line ${f.location.line}`).sort(),
    [
      'CronJob host-network /spec/jobTemplate/spec/template/spec/hostNetwork line 10',
      'CronJob privileged-container /spec/jobTemplate/spec/template/spec/containers/0/securityContext/privileged line 15',
      'Rollout host-network /spec/template/spec/hostNetwork line 24',
      'Rollout privileged-container /spec/template/spec/containers/0/securityContext/privileged line 28',
    ],
  );
});

test('a securityContext of the wrong type (string, list) does not crash any check, and unsafe defaults still show', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext: "runAsNonRoot"
  containers:
    - name: s
      image: app:1.0
      securityContext: "privileged"
    - name: l
      image: app:1.0
      securityContext: [privileged, true]
      ports: "8080"
      resources: [1, 2]
  volumes: {hostPath: {path: /}}
`;
  const { findings, objects } = scan(CHECKS, yaml);
  assert.deepEqual(findings.filter((f) => f.checkId === 'internal-error'), []);
  const byCheck = (id: string) => findings.filter((f) => f.checkId === id).map((f) => f.path).sort();
  assert.deepEqual(byCheck('allow-privilege-escalation'), ['/spec/containers/0/securityContext/allowPrivilegeEscalation', '/spec/containers/1/securityContext/allowPrivilegeEscalation']);
  assert.deepEqual(byCheck('privileged-container'), []);
  assert.deepEqual(byCheck('host-path-volume'), []);
  // Fixes replace the malformed securityContext with a map.
  const fixed = fixObject(check('allow-privilege-escalation'), objects[0]!);
  const containers = (fixed.raw.spec as { containers: { securityContext: unknown }[] }).containers;
  assert.deepEqual(containers.map((c) => c.securityContext), [{ allowPrivilegeEscalation: false }, { allowPrivilegeEscalation: false }]);
});

test('Windows pods are exempt from Linux-only checks but not from run-as-non-root (a Windows user name does not satisfy it)', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: w}
spec:
  os: {name: windows}
  containers:
    - name: admin
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      securityContext:
        windowsOptions: {runAsUserName: ContainerAdministrator}
    - name: user
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      securityContext:
        windowsOptions: {runAsUserName: ContainerUser}
`;
  assert.deepEqual(found(['allow-privilege-escalation', 'read-only-root-filesystem', 'seccomp-profile-unset', 'run-as-non-root'], yaml), [
    'run-as-non-root /spec/containers/0/securityContext/runAsNonRoot',
    'run-as-non-root /spec/containers/1/securityContext/runAsNonRoot',
  ]);
});

test('seccomp: a container-level profile replaces the pod profile as a whole', () => {
  const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: partial
      image: app:1.0
      securityContext:
        seccompProfile: {localhostProfile: x.json}
    - name: inherits
      image: app:1.0
`;
  // A profile without a type is a bad value PSA's baseline rule rejects; judged with both levels, it is that check's finding.
  assert.deepEqual(found(['seccomp-profile-unset', 'seccomp-profile-unconfined'], yaml), ['seccomp-profile-unconfined /spec/containers/0/securityContext/seccompProfile/type']);
});

test('one pod-level seccomp fix covers every container', () => {
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers: [{name: i, image: "i:1"}]
      containers: [{name: a, image: "a:1"}, {name: b, image: "b:1"}]
`;
  const { objects, findings } = scan([check('seccomp-profile-unset')], yaml);
  assert.equal(findings.length, 3);
  const fixed = fixObject(check('seccomp-profile-unset'), objects[0]!);
  assert.deepEqual(fixed.ops, [
    { op: 'add', path: '/spec/template/spec/securityContext', value: {} },
    { op: 'add', path: '/spec/template/spec/securityContext/seccompProfile', value: { type: 'RuntimeDefault' } },
  ]);
});
