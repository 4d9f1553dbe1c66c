import { defineCheck, type Issue } from '../define.js';
import { asRecord } from '../../model/object.js';

const RESOURCES = ['memory', 'cpu'] as const;

function isSet(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '') || typeof v === 'number';
}

export default defineCheck({
  id: 'resource-limits',
  title: 'Container has no memory or CPU limit',
  severity: 'low',
  category: 'workload',
  description:
    'A container without a memory limit can use all of its node\'s memory and a container without a CPU limit all ' +
    'of its CPU. An attacker who takes it over (or a bug) can then starve every other pod on the node, and a ' +
    'cryptominer runs at full speed on your bill.',
  remediation:
    'Set `resources.limits.memory` and `resources.limits.cpu` on every container (or pod-level `resources.limits`, ' +
    'Kubernetes 1.32+), sized from observed usage; enforce defaults per namespace with a LimitRange.',
  frameworks: {
    nsa: ['network/resource-policies'],
    mitre: ['T1496', 'T1499'],
    owasp: ['K01'],
  },
  aliases: {
    kubescape: ['C-0009', 'C-0270'],
    trivy: ['KSV011', 'KSV018'],
    kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
    polaris: ['cpuLimitsMissing', 'memoryLimitsMissing'],
    checkov: ['CKV_K8S_11', 'CKV_K8S_13'],
  },
  subject: 'container',
  run: ({ container, pod, at }) => {
    // Ephemeral (debug) containers cannot set resources.
    if (container.role === 'ephemeral') return [];
    const limits = asRecord(asRecord(container.container.resources)?.limits);
    const podLimits = asRecord(asRecord(pod.spec.resources)?.limits);
    const out: Issue[] = [];
    for (const r of RESOURCES) {
      if (isSet(limits?.[r]) || isSet(podLimits?.[r])) continue;
      out.push(at(`resources/limits/${r}`, `container "${container.name}" has no ${r} limit`, { found: null, expected: `a ${r} limit` }));
    }
    return out;
  },
  examples: {
    fail: [
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
          resources:
            requests:
              cpu: 100m
            limits:
              cpu: 500m
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  initContainers:
    - name: fetch
      image: registry.example.com/fetch:1.2.0
  containers:
    - name: run
      image: registry.example.com/batch:1.2.0
      resources:
        limits: {cpu: "1", memory: 512Mi}
`,
        findings: 2,
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
      resources:
        limits:
          cpu: 250m
          memory: 256Mi
  ephemeralContainers:
    - name: debugger
      image: busybox:1.36
`,
    ],
  },
});
