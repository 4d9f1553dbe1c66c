import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';
import { everyContainer, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'host-port',
  title: 'Container binds a host port',
  severity: 'medium',
  category: 'workload',
  description:
    'A `hostPort` opens the port on the node\'s own IP address and forwards it to the container. The port is ' +
    'reachable by anything that can reach the node, outside Services and Ingress, and traffic to it is not ' +
    'governed by most NetworkPolicy implementations. It also pins the pod to nodes where the port is free.',
  remediation: 'Remove `hostPort` (or set it to 0) and expose the container through a Service instead.',
  frameworks: {
    cis: ['5.2.12'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'hostPorts' },
    owasp: ['K01', 'K07'],
  },
  aliases: { kubescape: ['C-0044'], trivy: ['KSV024'], polaris: ['hostPortSet'], checkov: ['CKV_K8S_26'] },
  subject: 'container',
  pssVersions: [{ since: 0, change: 'every hostPort must be unset or 0' }],
  evaluate: ({ container, at }) => {
    const out: Issue[] = [];
    asArray(container.container.ports).forEach((p, i) => {
      const hostPort = asRecord(p)?.hostPort;
      if (typeof hostPort !== 'number' && typeof hostPort !== 'string') return;
      const n = Number(hostPort);
      if (hostPort === '' || n === 0 || Number.isNaN(n)) return;
      out.push(at(`ports/${i}/hostPort`, `container "${container.name}" binds host port ${hostPort}`, { found: n, expected: '0 or unset' }));
    });
    return out;
  },
  vap: workloadVap([{ expression: everyContainer('!has(c.ports) || c.ports.all(p, !has(p.hostPort) || p.hostPort == 0)'), message: 'a container binds a host port (ports[].hostPort)' }]),
  examples: {
    fail: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-proxy
spec:
  selector:
    matchLabels: {app: proxy}
  template:
    metadata:
      labels: {app: proxy}
    spec:
      containers:
        - name: proxy
          image: registry.example.com/proxy:1.25.3
          ports:
            - containerPort: 8080
            - containerPort: 8443
              hostPort: 443
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
        - containerPort: 8080
          hostPort: 0
`,
    ],
  },
});
