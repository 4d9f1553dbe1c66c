import { defineCheck } from '../define.js';
import { asRecord, displayName } from '../../model/object.js';
import { isReplicatedWorkload, minimumReplicas } from '../shared/replicas.js';

export default defineCheck({
  id: 'single-replica',
  title: 'Workload runs a single replica',
  severity: 'low',
  category: 'workload',
  profile: 'hygiene',
  description:
    'A Deployment or StatefulSet with one replica is down whenever its pod is: on every rollout (StatefulSets), ' +
    'node drain, eviction, crash, or when an attacker\'s request kills it. `spec.replicas` unset means 1. When a ' +
    'HorizontalPodAutoscaler among the scanned objects scales the workload, its `minReplicas` (default 1) decides ' +
    'instead. Workloads scaled to 0 on purpose, and replicas that are not a number (an unrendered template), are not reported.',
  remediation: 'Run at least two replicas (`spec.replicas: 2`, or an HPA `minReplicas: 2`) spread over nodes with topologySpreadConstraints or anti-affinity.',
  frameworks: {
    mitre: ['T1499'],
    owasp: ['K01'],
  },
  subject: 'object',
  kinds: ['Deployment', 'StatefulSet'],
  run: ({ object, inventory, at }) => {
    if (!isReplicatedWorkload(object)) return [];
    const { replicas, hpa } = minimumReplicas(object, inventory);
    if (replicas === undefined || replicas === 0 || replicas >= 2) return [];
    if (hpa) return [at('/spec', `${displayName(hpa)} scales this workload down to ${replicas} replica`, { found: replicas, expected: 'minReplicas of 2 or more' })];
    const set = asRecord(object.raw.spec)?.replicas !== undefined;
    return [at('/spec/replicas', set ? 'the workload runs 1 replica' : 'the workload sets no replicas, so it runs 1', { found: 1, expected: '2 or more' })];
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
      `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: data
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: registry.example.com/db:16.2
`,
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
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
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 3
  maxReplicas: 10
`,
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: parked
spec:
  replicas: 0
  selector:
    matchLabels: {app: parked}
  template:
    metadata:
      labels: {app: parked}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0.0
`,
    ],
  },
});
