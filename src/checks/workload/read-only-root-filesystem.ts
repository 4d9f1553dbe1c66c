import { defineCheck } from '../define.js';
import { asRecord } from '../../model/object.js';
import { setContainerSecurityField } from '../shared/security-context-patch.js';
import { isWindowsPod } from '../shared/windows.js';

export default defineCheck({
  id: 'read-only-root-filesystem',
  title: 'Container root filesystem is writable',
  severity: 'low',
  category: 'workload',
  description:
    'Without `readOnlyRootFilesystem: true` an attacker who gets code execution can write to the container\'s ' +
    'filesystem: drop tools and malware, replace binaries the application later runs, or plant a web shell. A ' +
    'read-only root forces any write into explicitly mounted volumes, which makes tampering harder and visible.',
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
    if (isWindowsPod(pod)) return [];
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
  volumes:
    - name: tmp
      emptyDir: {}
`,
    ],
  },
});
