import { defineCheck, type Issue } from '../define.js';
import { defaultQuantity, hasRequest, requiredResources, setResource, type ResourceName } from '../shared/resources.js';
import { everyPodContainer, hasResource, isSet, workloadVap } from '../shared/vap.js';

const RESOURCES: readonly ResourceName[] = ['memory', 'cpu'];

export default defineCheck({
  id: 'resource-requests',
  title: 'Container has no memory or CPU request',
  severity: 'low',
  category: 'workload',
  profile: 'hygiene',
  description:
    'Requests are what the scheduler reserves for a container. Without them the pod is BestEffort (or Burstable ' +
    'with too little reserved): it is packed onto overcommitted nodes, is the first evicted under memory pressure, ' +
    'and a noisy neighbour or an attacker\'s workload can starve it. A limit without a request counts as a request ' +
    '(the API server copies it), and pod-level `resources.requests` (Kubernetes 1.32+) covers every container. ' +
    'Configurable: `checkOptions.resource-requests.resources` and the `defaults` the fix writes.',
  remediation:
    'Set `resources.requests.memory` and `resources.requests.cpu` on every container from observed usage, or give ' +
    'the namespace a LimitRange with `defaultRequest`.',
  frameworks: {
    nsa: ['network/resource-policies'],
    mitre: ['T1499'],
    owasp: ['K01'],
  },
  aliases: {
    trivy: ['KSV015', 'KSV016'],
    polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'],
    checkov: ['CKV_K8S_10', 'CKV_K8S_12'],
  },
  subject: 'container',
  run: ({ container, options, at }) => {
    if (container.role === 'ephemeral') return [];
    const out: Issue[] = [];
    for (const r of requiredResources(options, RESOURCES)) {
      if (hasRequest(container, r)) continue;
      out.push(at(`resources/requests/${r}`, `container "${container.name}" has no ${r} request`, { found: null, expected: `a ${r} request` }));
    }
    return out;
  },
  fix: ({ container, options }) => {
    const missing = requiredResources(options, RESOURCES).filter((r) => !hasRequest(container, r));
    return missing.length ? setResource(container, 'requests', Object.fromEntries(missing.map((r) => [r, defaultQuantity(options, 'requests', r)]))) : [];
  },
  vap: workloadVap([{ expression: everyPodContainer(['memory', 'cpu'].map((r) => `(${hasResource('requests', r)} || (${isSet('c', 'resources.limits')} && '${r}' in c.resources.limits))`).join(' && ')), message: 'a container has no memory or cpu request' }], 'option resources at its default (memory and cpu)'),
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
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: best-effort
spec:
  containers:
    - name: run
      image: registry.example.com/batch:1.2.0
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
        requests: {cpu: 100m}
        limits: {memory: 256Mi}
`,
    ],
  },
});
