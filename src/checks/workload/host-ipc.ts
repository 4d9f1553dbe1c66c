import { definePssCheck } from '../shared/pss-check.js';
import { POD, isValue, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'host-ipc',
  title: 'Pod shares the host IPC namespace',
  severity: 'high',
  category: 'workload',
  description:
    "With `hostIPC: true` the pod's containers share System V IPC and POSIX shared memory with every process on the node. An attacker can read or tamper with data other processes keep in shared memory and message queues.",
  remediation: 'Remove `hostIPC: true` from the pod spec.',
  frameworks: {
    cis: ['5.2.4'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'hostNamespaces' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV008'], kubeLinter: ['host-ipc'], polaris: ['hostIPCSet'], checkov: ['CKV_K8S_18'] },
  subject: 'pod',
  pssVersions: [{ since: 0, change: 'hostIPC must be unset or false' }],
  evaluate: ({ pod, at }) =>
    pod.spec.hostIPC === true ? [at('hostIPC', 'the pod shares the host IPC namespace', { found: true, expected: 'false or unset' })] : [],
  vap: workloadVap([{ expression: `!${isValue(POD, 'hostIPC', 'true')}`, message: 'the pod shares the host IPC namespace (hostIPC: true)' }]),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: inspector
spec:
  hostIPC: true
  containers:
    - name: tool
      image: registry.example.com/inspector:1.4.2
`,
      `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-scan
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          hostIPC: true
          restartPolicy: OnFailure
          containers:
            - name: scan
              image: registry.example.com/scanner:3.0.1
`,
    ],
    pass: [
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
      hostIPC: false
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
    ],
  },
});
