import { defineCheck } from '../define.js';
import { asRecord } from '../../model/object.js';
import { setContainerSecurityField } from '../shared/security-context-patch.js';
import { isWindowsPod } from '../shared/windows.js';
import { WINDOWS_POD, everyPodContainer, isValue, workloadVap } from '../shared/vap.js';

export default defineCheck({
  id: 'read-only-root-filesystem',
  title: 'Container root filesystem is writable',
  severity: 'low',
  category: 'workload',
  description:
    'Without `readOnlyRootFilesystem: true` an attacker who gets code execution can write to the container\'s ' +
    'filesystem: drop tools and malware, replace binaries the application later runs, or plant a web shell. A ' +
    'read-only root forces any write into explicitly mounted volumes, which makes tampering harder and visible. ' +
    'The field exists only on containers (a pod-level securityContext has none, so nothing is inherited). App and ' +
    'init containers are checked; ephemeral debug containers, attached by hand to troubleshoot and needing to ' +
    'install tools, are not (as in Kubescape and Polaris). Windows pods are skipped: the API server rejects the field for them.',
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` and mount an emptyDir at each path the application must ' +
    'write to (for example /tmp).',
  frameworks: {
    cis: ['5.6.3'],
    nsa: ['pod-security/immutable-filesystem'],
    owasp: ['K01'],
  },
  aliases: {
    kubescape: ['C-0017'],
    trivy: ['KSV014'],
    kubeLinter: ['no-read-only-root-fs'],
    polaris: ['notReadOnlyRootFilesystem'],
    checkov: ['CKV_K8S_22'],
  },
  subject: 'container',
  run: ({ container, pod, at }) => {
    if (isWindowsPod(pod) || container.role === 'ephemeral') return [];
    const value = asRecord(container.container.securityContext)?.readOnlyRootFilesystem;
    if (value === true) return [];
    return [
      at('securityContext/readOnlyRootFilesystem', `container "${container.name}" has a writable root filesystem`, {
        found: value === undefined || value === null ? null : String(value),
        expected: 'true',
      }),
    ];
  },
  fix: ({ container }) => setContainerSecurityField(container, 'readOnlyRootFilesystem', true),
  vap: workloadVap([{ expression: `${WINDOWS_POD} || ${everyPodContainer(isValue('c', 'securityContext.readOnlyRootFilesystem', 'true'))}`, message: 'a container has a writable root filesystem' }]),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      securityContext:
        runAsNonRoot: true
`,
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
          securityContext:
            readOnlyRootFilesystem: false
`,
      {
        yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      securityContext:
        runAsNonRoot: true
      initContainers:
        - name: fetch
          image: registry.example.com/fetch:1.2.0
      containers:
        - name: migrate
          image: registry.example.com/migrate:1.2.0
          securityContext:
            readOnlyRootFilesystem: true
`,
        findings: 1,
      },
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      securityContext:
        readOnlyRootFilesystem: true
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  ephemeralContainers:
    - name: debugger
      image: busybox:1.36
  volumes:
    - name: tmp
      emptyDir: {}
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: win-web
spec:
  os:
    name: windows
  containers:
    - name: iis
      image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
`,
    ],
  },
});
