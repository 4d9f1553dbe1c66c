import { defineCheck } from '../define.js';
import { atOrBefore, minorVersion, removedApi } from '../shared/removed-apis.js';

export default defineCheck({
  id: 'deprecated-api-version',
  title: 'Object uses a removed Kubernetes API version',
  severity: 'high',
  category: 'manifest',
  description:
    'Kubernetes stops serving beta API versions some releases after their replacement ships (extensions/v1beta1 ' +
    'in 1.16 and 1.22, policy/v1beta1 PodSecurityPolicy and batch/v1beta1 CronJob in 1.25, autoscaling/v2beta2 ' +
    'in 1.26, flowcontrol v1beta2 in 1.29 and v1beta3 in 1.32, ...). A manifest that uses one fails to apply on a ' +
    'cluster that no longer serves it, often in the middle of an upgrade, and its security settings (a ' +
    'PodSecurityPolicy) silently stop existing. `checkOptions.deprecated-api-version.targetVersion` (e.g. "1.29") ' +
    'names the cluster release to check against: versions removed by then are high, later removals low. Unset, ' +
    'every removal up to 1.32 is high.',
  remediation: 'Move the object to the replacement API version (`kubectl convert` helps) and check the fields that changed between versions.',
  frameworks: {
    nsa: ['upgrading/application-security'],
    owasp: ['K10'],
  },
  subject: 'object',
  run: ({ object, options, at }) => {
    const removed = removedApi(object.apiVersion, object.kind);
    if (!removed) return [];
    const target = minorVersion(options.targetVersion);
    const gone = !target || atOrBefore(minorVersion(removed.removedIn)!, target);
    const message = gone
      ? `${object.apiVersion} ${object.kind} is no longer served since Kubernetes ${removed.removedIn}; use ${removed.replacement}`
      : `${object.apiVersion} ${object.kind} is deprecated and removed in Kubernetes ${removed.removedIn}; use ${removed.replacement}`;
    const issue = at('/apiVersion', message, { found: object.apiVersion, expected: removed.replacement });
    return [gone ? issue : { ...issue, severity: 'low' }];
  },
  vap: { unsupported: 'judges the apiVersion a manifest is written in; the API server has converted the object before admission' },
  examples: {
    fail: [
      `apiVersion: batch/v1beta1
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
      {
        yaml: `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: batch
spec:
  priorityLevelConfiguration: {name: workload-low}
`,
        findings: 1,
        options: { targetVersion: '1.29' },
      },
    ],
    pass: [
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
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {app: api}
`,
    ],
  },
});
