import { defineCheck, type Issue } from '../define.js';
import { defaultQuantity, requiredResources, resourceValue, setResource, type ResourceName } from '../shared/resources.js';
import { everyPodContainer, hasResource, workloadVap } from '../shared/vap.js';
import { firstWithoutLimit, limitRangeDefault } from '../shared/limit-range.js';
import { isHelmTestHook } from '../../model/helm-test-hook.js';
import { effectiveNamespace } from '../../model/kinds.js';

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
    'A container in a namespace whose LimitRange (in the input) gives containers a default memory limit (`type: ' +
    'Container` with `default.memory`, or `max.memory`, which the API server copies to the default) gets one at ' +
    'admission and is not a finding. Missing memory limits are one root cause per namespace, the missing LimitRange ' +
    'default: the namespace\'s first container without one carries the finding, saying so, and the others are ' +
    'folded under it (in the JSON `implied`, still judged by compliance); Helm test hooks stay apart. ' +
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
  run: ({ container, object, inventory, options, at }) => {
    // Ephemeral (debug) containers cannot set resources.
    if (container.role === 'ephemeral') return [];
    const out: Issue[] = [];
    const namespace = effectiveNamespace(object) ?? 'default';
    for (const r of requiredResources(options, RESOURCES)) {
      if (resourceValue(container, 'limits', r) !== undefined) continue;
      // CPU is compressible: requests keep every pod its share, so a missing CPU limit is cost hygiene (--profile all).
      if (r === 'cpu') {
        out.push({ ...at(`resources/limits/${r}`, `container "${container.name}" has no ${r} limit`, { found: null, expected: `a ${r} limit` }), profile: 'hygiene' });
        continue;
      }
      // The namespace's LimitRange writes a default limit into the container at admission.
      if (limitRangeDefault(inventory, namespace, r)) continue;
      if (isHelmTestHook(object)) {
        out.push(at(`resources/limits/${r}`, `container "${container.name}" has no ${r} limit`, { found: null, expected: `a ${r} limit` }));
        continue;
      }
      const first = firstWithoutLimit(inventory, namespace, r);
      const root = first !== undefined && first.pod.object === object && first.path === container.path;
      const message = root
        ? `container "${container.name}" has no ${r} limit, and namespace ${namespace} has no LimitRange giving its containers a default ${r} limit`
        : `container "${container.name}" has no ${r} limit`;
      out.push({ ...at(`resources/limits/${r}`, message, { found: null, expected: `a ${r} limit, or a LimitRange default in namespace ${namespace}` }), cause: { key: `limit-default\u0000${r}\u0000${namespace}`, ...(root ? { root: true } : {}) } });
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
kind: LimitRange
metadata: {name: defaults, namespace: shop}
spec:
  limits:
    - type: Container
      default: {memory: 512Mi}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      resources:
        limits: {cpu: 250m}
`,
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
