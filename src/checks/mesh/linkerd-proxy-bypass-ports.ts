import type { Issue } from '../define.js';
import { defineCheck } from '../define.js';
import { podMeta } from '../shared/mesh.js';

const BYPASS: { key: string; direction: string; severity: 'medium' | 'low'; effect: string }[] = [
  { key: 'config.linkerd.io/skip-inbound-ports', direction: 'inbound traffic on ports', severity: 'medium', effect: 'bypasses the proxy entirely: no mTLS, no identity, no authorization policy' },
  { key: 'config.linkerd.io/skip-outbound-ports', direction: 'outbound traffic to ports', severity: 'medium', effect: 'bypasses the proxy entirely: connections leave in plaintext unless the app encrypts them' },
  { key: 'config.linkerd.io/skip-subnets', direction: 'outbound traffic to subnets', severity: 'medium', effect: 'bypasses the proxy entirely: no mTLS to those addresses' },
  { key: 'config.linkerd.io/opaque-ports', direction: 'traffic on opaque ports', severity: 'low', effect: 'is proxied as raw TCP: mTLS still applies between meshed pods, but protocol detection and HTTP-route authorization do not' },
];

export default defineCheck({
  id: 'linkerd-proxy-bypass-ports',
  title: 'Linkerd proxy bypassed for some ports',
  severity: 'medium',
  category: 'mesh',
  description:
    '`config.linkerd.io/skip-inbound-ports`, `skip-outbound-ports` and `skip-subnets` make the proxy-init iptables rules ' +
    'leave that traffic alone: it is not mTLS-encrypted, carries no workload identity and is not subject to Linkerd ' +
    'authorization policy. `config.linkerd.io/opaque-ports` is reported at low severity because it is not a bypass: ' +
    'the traffic still goes through the proxy with mTLS between meshed pods, only protocol detection and HTTP-level ' +
    'policy are off. Pods annotated `linkerd.io/inject: disabled` are left to linkerd-injection-disabled.',
  remediation:
    'Remove the skip annotation; for server-speaks-first protocols (MySQL, SMTP, ...) mark the port opaque instead of ' +
    'skipping it, so it keeps mTLS.',
  frameworks: { nsa: ['network/encryption'], owasp: ['K07'] },
  subject: 'pod',
  run: ({ pod }) => {
    if (podMeta(pod, 'annotations', 'linkerd.io/inject')?.value === 'disabled') return [];
    const out: Issue[] = [];
    for (const b of BYPASS) {
      const a = podMeta(pod, 'annotations', b.key);
      if (!a || a.value.trim() === '') continue;
      out.push({
        path: a.path,
        message: `${b.direction} ${a.value.trim()} ${b.effect}`,
        evidence: { found: `${b.key}: ${a.value.trim()}`, expected: 'no skipped ports' },
        severity: b.severity,
      });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: skip-app
spec:
  selector:
    matchLabels: {app: skip-app}
  template:
    metadata:
      labels: {app: skip-app}
      annotations:
        linkerd.io/inject: enabled
        config.linkerd.io/skip-inbound-ports: "8080"
    spec:
      containers:
        - name: app
          image: buoyantio/bb:v0.0.5
`,
      { yaml: `apiVersion: v1
kind: Pod
metadata:
  name: db-client
  annotations:
    config.linkerd.io/skip-outbound-ports: "3306,5432"
    config.linkerd.io/opaque-ports: "6379"
spec:
  containers:
    - name: client
      image: registry.internal/client:1.0
`, findings: 2 },
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    linkerd.io/inject: enabled
spec:
  containers:
    - name: web
      image: registry.internal/web:1.0
`,
    ],
  },
});
