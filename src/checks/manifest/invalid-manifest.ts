import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'invalid-manifest',
  title: 'Manifest cannot be read',
  severity: 'high',
  category: 'manifest',
  description:
    'A file or YAML document that does not parse, or that is not a Kubernetes object (no apiVersion or kind), is ' +
    'not checked at all. Whatever it holds is invisible to this scan, and kubectl or your GitOps tool may read it ' +
    'differently, or refuse it at deploy time.',
  remediation:
    'Fix the syntax error at the reported line, or give the document its apiVersion and kind. Run ' +
    '`kubectl apply --dry-run=client -f <file>` to confirm Kubernetes reads it as intended.',
  frameworks: {},
  subject: 'load',
  codes: ['invalid-manifest', 'tag-mismatch', 'invalid-rule'],
  examples: {
    fail: [
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: [fast
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
---
metadata:
  name: orphan
data:
  key: value
`,
    ],
    pass: [
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`,
    ],
  },
});
