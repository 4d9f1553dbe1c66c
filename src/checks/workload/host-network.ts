import { definePssCheck } from '../shared/pss-check.js';
import { POD, isValue, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'host-network',
  title: 'Pod uses the host network namespace',
  severity: 'high',
  category: 'workload',
  description:
    "With `hostNetwork: true` the pod uses the node's network stack: it can bind any node port, reach services listening only on the node's loopback (kubelet, container runtime, cloud metadata proxies), sniff node traffic and bypass NetworkPolicies, which do not apply to host-network pods.",
  remediation: 'Remove `hostNetwork: true` and expose the workload through a Service; give node-level network agents a dedicated, tightly controlled namespace.',
  frameworks: {
    cis: ['5.2.5'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'hostNamespaces' },
    mitre: ['T1046'],
    owasp: ['K01', 'K07'],
  },
  aliases: { kubescape: ['C-0041'], trivy: ['KSV009'], kubeLinter: ['host-network'], polaris: ['hostNetworkSet'], checkov: ['CKV_K8S_19'] },
  subject: 'pod',
  pssVersions: [{ since: 0, change: 'hostNetwork must be unset or false' }],
  evaluate: ({ pod, at }) =>
    pod.spec.hostNetwork === true ? [at('hostNetwork', 'the pod uses the host network namespace', { found: true, expected: 'false or unset' })] : [],
  vap: workloadVap([{ expression: `!${isValue(POD, 'hostNetwork', 'true')}`, message: 'the pod uses the host network namespace (hostNetwork: true)' }]),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: inspector
spec:
  hostNetwork: true
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
          hostNetwork: true
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
      hostNetwork: false
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
    ],
  },
});
