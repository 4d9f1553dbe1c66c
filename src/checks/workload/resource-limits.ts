import { defineCheck, type Issue } from '../define.js';
import { defaultQuantity, requiredResources, resourceValue, setResource, type ResourceName } from '../shared/resources.js';
import { everyPodContainer, hasResource, workloadVap } from '../shared/vap.js';

const RESOURCES: readonly ResourceName[] = ['memory', 'cpu'];

export default defineCheck({
  id: 'resource-limits',
  title: 'Container has no memory or CPU limit',
  severity: 'low',
  category: 'workload',
  description:
    'A container without a memory limit can use all of its node\'s memory and a container without a CPU limit all ' +
    'of its CPU. An attacker who takes it over (or a bug) can then starve every other pod on the node, and a ' +
    'cryptominer runs at full speed on your bill. Init containers count (they run first, with the same power); ' +
    'ephemeral debug containers cannot set resources and are skipped. Pod-level `resources.limits` (Kubernetes ' +
    '1.32+) covers every container. A missing memory limit is a security finding (memory is not compressible: the ' +
    'node\'s OOM killer then takes down its neighbours); a missing CPU limit is hygiene, shown with `--profile all` ' +
    'only (CPU is compressible and requests keep every pod its share; many operators leave CPU limits off on purpose). ' +
    'Configurable: `checkOptions.resource-limits.resources` (default `[memory, cpu]`) ' +
    'and the `defaults` the fix writes.',
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
  run: ({ container, options, at }) => {
    // Ephemeral (debug) containers cannot set resources.
    if (container.role === 'ephemeral') return [];
    const out: Issue[] = [];
    for (const r of requiredResources(options, RESOURCES)) {
      if (resourceValue(container, 'limits', r) !== undefined) continue;
      const issue = at(`resources/limits/${r}`, `container "${container.name}" has no ${r} limit`, { found: null, expected: `a ${r} limit` });
      // CPU is compressible: requests keep every pod its share, so a missing CPU limit is cost hygiene (--profile all).
      out.push(r === 'cpu' ? { ...issue, profile: 'hygiene' } : issue);
    }
    return out;
  },
  fix: ({ container, options }) => {
    const missing = requiredResources(options, RESOURCES).filter((r) => resourceValue(container, 'limits', r) === undefined);
    return missing.length ? setResource(container, 'limits', Object.fromEntries(missing.map((r) => [r, defaultQuantity(options, 'limits', r)]))) : [];
  },
  vap: workloadVap([{ expression: everyPodContainer(`${hasResource('limits', 'memory')} && ${hasResource('limits', 'cpu')}`), message: 'a container has no memory or cpu limit' }], 'option resources at its default (memory and cpu)'),
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
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: only-memory
spec:
  containers:
    - name: run
      image: registry.example.com/batch:1.2.0
      resources:
        limits: {cpu: "1"}
`,
        findings: 1,
        options: { resources: ['memory'], defaults: { limits: { memory: '1Gi' } } },
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
      `apiVersion: v1
kind: Pod
metadata:
  name: pod-level
spec:
  resources:
    limits: {cpu: "2", memory: 1Gi}
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: no-cpu-limits-wanted
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      resources:
        limits: {memory: 256Mi}
`,
        findings: 0,
        options: { resources: ['memory'] },
      },
    ],
  },
});
