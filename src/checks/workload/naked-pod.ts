import { defineCheck } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';

export default defineCheck({
  id: 'naked-pod',
  title: 'Pod is not managed by a controller',
  severity: 'low',
  category: 'workload',
  profile: 'hygiene',
  description:
    'A Pod created directly, with no controller (Deployment, StatefulSet, DaemonSet, Job, ...) owning it, is not ' +
    'recreated when it or its node fails, cannot be rolled out or rolled back, and often escapes the review and ' +
    'policies the controllers\' templates get. A Pod counts as owned when an `ownerReferences` entry has ' +
    '`controller: true`. Helm test and hook pods (`helm.sh/hook` annotation) are meant to run bare and are skipped.',
  remediation: 'Run the pod through a Deployment (or StatefulSet, DaemonSet, Job) instead of creating it directly.',
  frameworks: {
    mitre: ['T1610'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0073'] },
  subject: 'object',
  kinds: ['Pod'],
  run: ({ object, at }) => {
    if (object.apiVersion !== 'v1' || object.annotations['helm.sh/hook'] !== undefined) return [];
    const owners = asArray(asRecord(object.raw.metadata)?.ownerReferences);
    if (owners.some((r) => asRecord(r)?.controller === true)) return [];
    return [at('/metadata', `Pod "${object.name}" has no controlling owner`, { found: null, expected: 'a controller such as a Deployment' })];
  },
  vap: {
    match: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'pods/ephemeralcontainers'] }],
    validations: [{ expression: "(has(object.metadata.annotations) && 'helm.sh/hook' in object.metadata.annotations) || (has(object.metadata.ownerReferences) && object.metadata.ownerReferences.exists(r, has(r.controller) && r.controller))", message: 'the Pod has no controlling owner (a Deployment, Job, …)' }],
  },
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
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web-7d9f8-abcde
  ownerReferences:
    - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f8, uid: 2b0f7a52-8d7e-4d4c-9a55-0c3e1f7e9b11, controller: true}
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: chart-test
  annotations:
    helm.sh/hook: test
spec:
  restartPolicy: Never
  containers:
    - name: test
      image: registry.example.com/test:1.0.0
`,
    ],
  },
});
