import { defineCheck } from '../define.js';
import { isRecord } from '../../model/object.js';
import { isLongRunning } from '../shared/workload-kind.js';
import { POD, workloadVap } from '../shared/vap.js';

/** CEL: the pod spec is of a long-running workload, as isLongRunning (src/checks/shared/workload-kind.ts) decides. */
const LONG_RUNNING_CEL = `(object.kind in ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'] || (object.kind == 'Pod' && (!has(${POD}.restartPolicy) || ${POD}.restartPolicy == 'Always') && !(has(object.metadata.ownerReferences) && object.metadata.ownerReferences.exists(r, r.kind == 'Job'))))`;

export default defineCheck({
  id: 'readiness-probe-missing',
  title: 'Container has no readiness probe',
  severity: 'low',
  category: 'workload',
  profile: 'hygiene',
  description:
    'Without a readiness probe a container receives Service traffic as soon as it starts, before it can answer, and keeps receiving it while it is overloaded or broken: rollouts drop requests and one bad replica fails a share of all traffic. ' +
    'Only app containers of long-running workloads are checked: Deployments, StatefulSets, DaemonSets, ' +
    'ReplicaSets, ReplicationControllers, Argo Rollouts and bare Pods with restartPolicy Always. Jobs, CronJobs, ' +
    'init and ephemeral containers run to completion or are short-lived and are not.',
  remediation: 'Add a `readinessProbe` (httpGet, tcpSocket, grpc or exec) that reflects whether the application can serve.',
  frameworks: {
    nsa: ['pod-security/container-environments'],
    mitre: ['T1499'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0018'], kubeLinter: ['no-readiness-probe'], polaris: ['readinessProbeMissing'], checkov: ['CKV_K8S_9'] },
  subject: 'container',
  run: ({ container, pod, at }) => {
    if (container.role !== 'app' || !isLongRunning(pod) || isRecord(container.container.readinessProbe)) return [];
    return [at('readinessProbe', `container "${container.name}" has no readiness probe`, { found: null, expected: 'a readinessProbe' })];
  },
  vap: workloadVap([{ expression: `!${LONG_RUNNING_CEL} || ${POD}.containers.all(c, has(c.readinessProbe))`, message: 'a container of a long-running workload has no readiness probe' }]),
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
      initContainers:
        - name: migrate
          image: registry.example.com/api-migrate:5.2.0
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
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
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
`,
      `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: registry.example.com/report:1.0.0
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: Never
  containers:
    - name: task
      image: registry.example.com/task:1.0.0
`,
    ],
  },
});
