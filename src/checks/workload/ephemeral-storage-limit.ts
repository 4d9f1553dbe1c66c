import { defineCheck } from '../define.js';
import { defaultQuantity, resourceValue, setResource } from '../shared/resources.js';
import { everyPodContainer, hasResource, workloadVap } from '../shared/vap.js';

export default defineCheck({
  id: 'ephemeral-storage-limit',
  title: 'Container has no ephemeral-storage limit',
  severity: 'info',
  category: 'workload',
  profile: 'hygiene',
  description:
    'Without `resources.limits.ephemeral-storage` a container can fill its node\'s disk with logs, emptyDir data ' +
    'and writes to its own filesystem. When the disk fills, the kubelet evicts pods that did nothing wrong and the ' +
    'node may stop accepting work. Hygiene (shown with `--profile all`): under disk pressure the kubelet evicts pods by ' +
    'their use above request, so the pod filling the disk goes first. Ephemeral debug containers are skipped (they cannot set resources). The fix ' +
    'writes `checkOptions.ephemeral-storage-limit.defaults.limits.ephemeral-storage` (built-in: 1Gi).',
  remediation: 'Set `resources.limits.ephemeral-storage` (and a request) on every container, or a namespace LimitRange default.',
  frameworks: {
    nsa: ['network/resource-policies'],
    mitre: ['T1499'],
    owasp: ['K01'],
  },
  subject: 'container',
  run: ({ container, at }) => {
    if (container.role === 'ephemeral' || resourceValue(container, 'limits', 'ephemeral-storage') !== undefined) return [];
    return [at('resources/limits/ephemeral-storage', `container "${container.name}" has no ephemeral-storage limit`, { found: null, expected: 'an ephemeral-storage limit' })];
  },
  fix: ({ container, options }) => setResource(container, 'limits', { 'ephemeral-storage': defaultQuantity(options, 'limits', 'ephemeral-storage') }),
  vap: workloadVap([{ expression: everyPodContainer(hasResource('limits', 'ephemeral-storage')), message: 'a container has no ephemeral-storage limit' }]),
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
      resources:
        limits: {cpu: 250m, memory: 256Mi}
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
      resources:
        limits: {memory: 256Mi, ephemeral-storage: 2Gi}
`,
    ],
  },
});
