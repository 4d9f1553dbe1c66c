import { defineCheck, type Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';
import { POD, everyContainer, isValue, workloadVap } from '../shared/vap.js';

/** An integer port from a number or a numeric string; undefined otherwise. */
function portNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

export default defineCheck({
  id: 'host-port-privileged',
  title: 'Container binds a privileged port on the node',
  severity: 'medium',
  category: 'workload',
  description:
    'Ports below 1024 on the node are where its system services live (SSH 22, DNS 53, HTTP 80, HTTPS 443, ' +
    'kubelet-adjacent agents). A pod that binds one with `hostPort`, or with `hostNetwork: true` (where every ' +
    '`containerPort` is a node port), can take the port before the real service does and intercept what was ' +
    'meant for it, and it is reachable from anywhere that reaches the node, outside Services and most ' +
    'NetworkPolicy implementations.',
  remediation: 'Expose the container through a Service instead; if a node port is unavoidable, use one above 1023.',
  frameworks: {
    cis: ['5.2.12'],
    nsa: ['pod-security/enforcement'],
    mitre: ['T1557'],
    owasp: ['K01', 'K07'],
  },
  subject: 'container',
  run: ({ container, pod, at }) => {
    const hostNetwork = pod.spec.hostNetwork === true;
    const out: Issue[] = [];
    asArray(container.container.ports).forEach((p, i) => {
      const port = asRecord(p);
      if (!port) return;
      const host = portNumber(port.hostPort);
      // With hostNetwork the container port is the node port (hostPort, when set, must equal it).
      const [field, n] = host !== undefined && host !== 0 ? ['hostPort', host] : hostNetwork ? ['containerPort', portNumber(port.containerPort)] : ['', undefined];
      if (n === undefined || n < 1 || n > 1023) return;
      const how = field === 'hostPort' ? 'with hostPort' : 'through hostNetwork';
      out.push(at(`ports/${i}/${field}`, `container "${container.name}" binds the privileged node port ${n} ${how}`, { found: n, expected: 'no node port below 1024' }));
    });
    return out;
  },
  vap: workloadVap([{ expression: everyContainer(`!has(c.ports) || c.ports.all(p, (has(p.hostPort) && p.hostPort != 0) ? (p.hostPort < 1 || p.hostPort > 1023) : !(${isValue(POD, 'hostNetwork', 'true')} && p.containerPort >= 1 && p.containerPort <= 1023))`), message: 'a container binds a node port below 1024 (hostPort, or containerPort with hostNetwork)' }]),
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: edge
spec:
  selector:
    matchLabels: {app: edge}
  template:
    metadata:
      labels: {app: edge}
    spec:
      containers:
        - name: proxy
          image: registry.example.com/proxy:1.25.3
          ports:
            - containerPort: 8443
              hostPort: 443
            - containerPort: 9000
              hostPort: 9000
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: dns
spec:
  hostNetwork: true
  containers:
    - name: dns
      image: registry.example.com/dns:1.11.1
      ports:
        - containerPort: 53
          protocol: UDP
        - containerPort: 9153
`,
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
      ports:
        - containerPort: 80
        - containerPort: 8443
          hostPort: 8443
`,
    ],
  },
});
