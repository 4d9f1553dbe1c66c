import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'duplicate-key',
  title: 'Manifest repeats a key',
  severity: 'low',
  category: 'manifest',
  description:
    'YAML forbids a mapping to repeat a key, but most Kubernetes tooling silently keeps the last value. A reviewer ' +
    'who reads the first occurrence (say `privileged: false`) is misled about what is deployed; attackers have ' +
    'used this to slip settings past review and past tools that read the first value.',
  remediation: 'Remove the duplicate key, keeping the value you mean.',
  frameworks: {},
  subject: 'load',
  codes: ['duplicate-key'],
  examples: {
    fail: [
      { yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      securityContext:
        privileged: false
        privileged: true
`, line: 11, column: 9 },
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
      securityContext:
        privileged: false
`,
    ],
  },
});
