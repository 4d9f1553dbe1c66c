import { apiGroup } from '../../model/kinds.js';
import { asRecord, asString } from '../../model/object.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'apiservice-insecure-skip-tls-verify',
  title: 'APIService skips TLS verification of its backend (insecureSkipTLSVerify)',
  severity: 'medium',
  category: 'control-plane',
  description:
    'An APIService with `insecureSkipTLSVerify: true` makes the API server forward requests for that API group (metrics.k8s.io for `kubectl top` and the HPA, an operator\'s API) to its Service without checking the server certificate. Anyone who can answer for that Service on the pod network (a pod that takes over its endpoints, a spoofed address) then serves the group\'s answers and reads the requests the API server forwards, with the identity of every caller in their headers. An APIService without `service` is served by the API server itself and is not judged.',
  remediation: 'Set `caBundle` to the CA that signed the backend\'s serving certificate (cert-manager\'s CA injector or the chart\'s own certificate can fill it) and remove `insecureSkipTLSVerify`.',
  frameworks: { nsa: ['network/encryption', 'network/control-plane'], mitre: ['T1557'], owasp: ['K09'] },
  subject: 'object',
  kinds: ['APIService'],
  run: ({ object, at }) => {
    if (apiGroup(object.apiVersion) !== 'apiregistration.k8s.io') return [];
    const spec = asRecord(object.raw.spec);
    if (spec?.insecureSkipTLSVerify !== true || !asRecord(spec.service)) return [];
    const svc = asRecord(spec.service)!;
    const target = `${asString(svc.namespace) ?? '?'}/${asString(svc.name) ?? '?'}`;
    const gv = [asString(spec.group), asString(spec.version)].filter(Boolean).join('/') || object.name;
    return [at('spec/insecureSkipTLSVerify', `the API server forwards requests for ${gv} to Service ${target} without verifying its certificate`, { found: 'true', expected: 'caBundle set, insecureSkipTLSVerify unset' })];
  },
  examples: {
    fail: [
      `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
spec:
  group: metrics.k8s.io
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  insecureSkipTLSVerify: true
  service: {name: metrics-server, namespace: kube-system}
`,
    ],
    pass: [
      `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
spec:
  group: metrics.k8s.io
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  caBundle: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
  service: {name: metrics-server, namespace: kube-system}
`,
      `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1.apps}
spec:
  group: apps
  version: v1
  groupPriorityMinimum: 17800
  versionPriority: 15
`,
    ],
  },
});
