import { redactValue } from '../../model/redact.js';
import { defineCheck, type Issue } from '../define.js';
import { podMeta } from '../shared/mesh.js';

const EXCLUDES: { key: string; what: string }[] = [
  { key: 'traffic.sidecar.istio.io/excludeInboundPorts', what: 'inbound traffic on ports' },
  { key: 'traffic.sidecar.istio.io/excludeOutboundPorts', what: 'outbound traffic to ports' },
  { key: 'traffic.sidecar.istio.io/excludeOutboundIPRanges', what: 'outbound traffic to' },
  { key: 'traffic.sidecar.istio.io/excludeInterfaces', what: 'traffic on interfaces' },
];

export default defineCheck({
  id: 'istio-sidecar-traffic-excluded',
  title: 'Istio sidecar bypassed for some traffic',
  severity: 'medium',
  category: 'mesh',
  description:
    'The `traffic.sidecar.istio.io/exclude*` annotations (inbound ports, outbound ports, outbound IP ranges, ' +
    'interfaces) make istio-init leave that traffic out of the sidecar\'s iptables capture, and ' +
    '`includeInboundPorts: ""` captures no inbound traffic at all: such traffic has no mTLS and no peer identity, and ' +
    'PeerAuthentication and AuthorizationPolicy do not see it. Pods that opt out of injection entirely are left to ' +
    'istio-sidecar-injection-disabled.',
  remediation:
    'Remove the exclusion; if a port carries a protocol the sidecar mishandles, declare it (appProtocol / port name) ' +
    'instead of bypassing the proxy.',
  frameworks: { nsa: ['network/encryption'], owasp: ['K07'] },
  subject: 'pod',
  run: ({ pod }) => {
    const inject = podMeta(pod, 'labels', 'sidecar.istio.io/inject') ?? podMeta(pod, 'annotations', 'sidecar.istio.io/inject');
    if (inject?.value === 'false') return [];
    const out: Issue[] = [];
    for (const e of EXCLUDES) {
      const a = podMeta(pod, 'annotations', e.key);
      if (!a || a.value.trim() === '') continue;
      const shown = redactValue(a.value.trim(), e.key);
      out.push({ path: a.path, message: `${e.what} ${shown} bypasses the sidecar: no mTLS, no identity, no authorization policy`, evidence: { found: `${e.key.split('/')[1]}: ${shown}`, expected: 'no exclusions' } });
    }
    const inbound = podMeta(pod, 'annotations', 'traffic.sidecar.istio.io/includeInboundPorts');
    if (inbound && inbound.value.trim() === '') {
      out.push({ path: inbound.path, message: 'includeInboundPorts is empty: no inbound traffic goes through the sidecar', evidence: { found: 'includeInboundPorts: ""', expected: '"*" (the default) or the served ports' } });
    }
    return out;
  },
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
      annotations:
        traffic.sidecar.istio.io/excludeInboundPorts: "9090"
    spec:
      containers:
        - name: api
          image: registry.internal/api:2.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: api
  annotations:
    traffic.sidecar.istio.io/includeInboundPorts: "*"
spec:
  containers:
    - name: api
      image: registry.internal/api:2.0
`,
    ],
  },
});
