import { definePssCheck } from '../shared/pss-check.js';
import { POD, isValue, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'host-pid',
  title: 'Pod shares the host process ID namespace',
  severity: 'high',
  category: 'workload',
  description:
    "With `hostPID: true` the pod's containers see every process on the node. An attacker can read other processes' environment variables and command lines (which often hold secrets), signal or ptrace them, and reach the host's filesystem through /proc/<pid>/root.",
  remediation: 'Remove `hostPID: true` from the pod spec. Node-level tooling that truly needs it belongs in a dedicated, tightly controlled namespace.',
  frameworks: {
    cis: ['5.2.3'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'hostNamespaces' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0038'], trivy: ['KSV010'], kubeLinter: ['host-pid'], polaris: ['hostPIDSet'], checkov: ['CKV_K8S_17'] },
  subject: 'pod',
  pssVersions: [{ since: 0, change: 'hostPID must be unset or false' }],
  evaluate: ({ pod, at }) =>
    pod.spec.hostPID === true ? [at('hostPID', 'the pod shares the host PID namespace', { found: true, expected: 'false or unset' })] : [],
  vap: workloadVap([{ expression: `!${isValue(POD, 'hostPID', 'true')}`, message: 'the pod shares the host PID namespace (hostPID: true)' }]),
  examples: {
    fail: [
      { yaml: `apiVersion: v1
kind: Pod
metadata:
  name: inspector
spec:
  hostPID: true
  containers:
    - name: tool
      image: registry.example.com/inspector:1.4.2
`, path: '/spec/hostPID', line: 6, column: 3 },
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
          hostPID: true
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
      hostPID: false
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
    ],
  },
});
