import { defineCheck } from '../define.js';
import { POD, isValue, workloadVap } from '../shared/vap.js';

export default defineCheck({
  id: 'share-process-namespace',
  title: 'Pod shares one process namespace between its containers',
  severity: 'low',
  category: 'workload',
  description:
    'With `shareProcessNamespace: true` every container of the pod sees every other container\'s processes: a ' +
    'compromised sidecar can signal the application, read its environment and memory through /proc (with ' +
    'SYS_PTRACE or as the same user) and reach its filesystem through /proc/<pid>/root, including mounted secrets.',
  remediation: 'Remove `shareProcessNamespace: true` unless a container truly needs the others\' processes; debug with `kubectl debug --target` instead.',
  frameworks: {
    nsa: ['pod-security/container-environments'],
    mitre: ['T1552.001'],
    owasp: ['K01'],
  },
  subject: 'pod',
  run: ({ pod, at }) =>
    pod.spec.shareProcessNamespace === true
      ? [at('shareProcessNamespace', 'the pod\'s containers share one process namespace', { found: true, expected: 'false or unset' })]
      : [],
  vap: workloadVap([{ expression: `!${isValue(POD, 'shareProcessNamespace', 'true')}`, message: 'the pod\'s containers share one process namespace' }]),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  shareProcessNamespace: true
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
    - name: log-agent
      image: registry.example.com/log-agent:2.0.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  shareProcessNamespace: false
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
  },
});
