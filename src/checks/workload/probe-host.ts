import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { asRecord } from '../../model/object.js';
import { everyContainer, isSet, workloadVap } from '../shared/vap.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];
const HANDLERS = ['httpGet', 'tcpSocket'];

export default definePssCheck({
  id: 'probe-host',
  title: 'Probe or lifecycle hook targets another host',
  severity: 'medium',
  category: 'workload',
  description:
    'A `host` in an httpGet or tcpSocket probe or lifecycle hook makes the kubelet connect to that address ' +
    'instead of the pod: from the node, with the node\'s network access. Anyone who can create pods can use it to ' +
    'reach services only the node can reach (cloud metadata endpoints, the kubelet, other nodes).',
  remediation: 'Remove `host` from probes and lifecycle hooks (the pod IP is used), or set it to an empty string.',
  frameworks: {
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'hostProbesAndHostLifecycle' },
    mitre: ['T1046'],
    owasp: ['K01', 'K07'],
  },
  subject: 'container',
  pssVersions: [{ since: 34, change: 'httpGet.host and tcpSocket.host of liveness, readiness and startup probes and postStart/preStop hooks must be unset or empty' }],
  evaluate: ({ container, at }) => {
    const out: Issue[] = [];
    const judge = (handler: unknown, rel: string, what: string) => {
      for (const kind of HANDLERS) {
        const host = asRecord(asRecord(handler)?.[kind])?.host;
        if (host === undefined || host === null || host === '') continue;
        out.push(at(`${rel}/${kind}/host`, `container "${container.name}": ${what} ${kind} targets host ${JSON.stringify(host)}`, { found: String(host), expected: 'unset or empty' }));
      }
    };
    for (const p of PROBES) judge(container.container[p], p, p);
    const lifecycle = asRecord(container.container.lifecycle);
    for (const h of HOOKS) judge(lifecycle?.[h], `lifecycle/${h}`, `${h} hook`);
    return out;
  },
  vap: workloadVap([{ expression: everyContainer([...PROBES.flatMap((p) => HANDLERS.map((h) => `${p}.${h}`)), ...HOOKS.flatMap((k) => HANDLERS.map((h) => `lifecycle.${k}.${h}`))].map((f) => `!(${isSet('c', `${f}.host`)} && c.${f}.host != '')`).join(' && ')), message: 'a probe or lifecycle hook of a container targets a host (httpGet.host or tcpSocket.host)' }]),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      livenessProbe:
        httpGet:
          host: 169.254.169.254
          path: /latest/meta-data/
          port: 80
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
      livenessProbe:
        httpGet:
          path: /healthz
          port: 8080
      lifecycle:
        preStop:
          httpGet:
            host: ""
            path: /drain
            port: 8080
`,
    ],
  },
});
