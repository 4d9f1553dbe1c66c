import { defineCheck } from '../define.js';
import { podSpecsOf } from '../../model/pod-specs.js';

export default defineCheck({
  id: 'workload-in-default-namespace',
  title: 'Workload runs in the default namespace',
  severity: 'low',
  category: 'workload',
  description:
    'The `default` namespace is where everything lands that nobody placed: workloads there share it with ' +
    'unrelated objects, so RBAC, NetworkPolicies, quotas and Pod Security labels cannot be scoped to them. Only ' +
    'objects that run pods are reported. A manifest without `metadata.namespace` is deployed wherever `kubectl ' +
    '-n` or Helm points it, so it is reported only with `checkOptions.workload-in-default-namespace.unsetNamespace: true`.',
  remediation: 'Create a namespace per application or team and set `metadata.namespace` (or deploy with `-n`).',
  frameworks: {
    cis: ['5.6.1', '5.6.4'],
    nsa: ['network/namespaces'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0061'], trivy: ['KSV110'], kubeLinter: ['use-namespace'], checkov: ['CKV_K8S_21'] },
  subject: 'object',
  run: ({ object, options, at }) => {
    const ns = object.namespace;
    const unset = ns === undefined || ns === '';
    if (!(ns === 'default' || (unset && options.unsetNamespace === true))) return [];
    if (podSpecsOf(object).length === 0) return [];
    const message = unset ? 'the workload sets no namespace, so by default it lands in "default"' : 'the workload is in the "default" namespace';
    return [at('/metadata/namespace', message, { found: unset ? null : 'default', expected: 'a dedicated namespace' })];
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: default
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
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
        findings: 1,
        options: { unsetNamespace: true },
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
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
data:
  mode: fast
`,
    ],
  },
});
