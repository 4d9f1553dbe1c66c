import { redactValue } from '../../model/redact.js';
import { podSpecsOf } from '../../model/pod-specs.js';
import { pointerSegment } from '../../model/position.js';
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
    'policy are off. Pod templates and Namespaces (whose config annotations apply to their pods) are checked; pods ' +
    'annotated `linkerd.io/inject: disabled` are left to linkerd-injection-disabled.',
  remediation:
    'Remove the skip annotation; for server-speaks-first protocols (MySQL, SMTP, ...) mark the port opaque instead of ' +
    'skipping it, so it keeps mTLS.',
  frameworks: { nsa: ['network/encryption'], owasp: ['K07'] },
  subject: 'object',
  run: ({ object }) => {
    const out: Issue[] = [];
    const judge = (get: (key: string) => { value: string; path: string } | undefined, scope: string) => {
      if (get('linkerd.io/inject')?.value === 'disabled') return;
      for (const b of BYPASS) {
        const a = get(b.key);
        if (!a || a.value.trim() === '') continue;
        out.push({
          path: a.path,
          message: `${b.direction} ${redactValue(a.value.trim(), b.key)} ${b.effect}${scope}`,
          evidence: { found: `${b.key}: ${redactValue(a.value.trim(), b.key)}`, expected: 'no skipped ports' },
          severity: b.severity,
        });
      }
    };
    if (object.kind === 'Namespace') {
      // Config annotations on a Namespace apply to every injected pod in it that does not set its own.
      judge((k) => (object.annotations[k] === undefined ? undefined : { value: object.annotations[k]!, path: `/metadata/annotations/${pointerSegment(k)}` }), ' (for every pod in the namespace)');
    } else {
      for (const pod of podSpecsOf(object)) judge((k) => podMeta(pod, 'annotations', k), '');
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
      `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  annotations:
    linkerd.io/inject: enabled
    config.linkerd.io/skip-outbound-ports: "443"
`,
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
