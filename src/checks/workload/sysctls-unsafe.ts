import { definePssCheck } from '../shared/pss-check.js';
import { PSS_LATEST_MINOR } from '../../frameworks/pss.js';
import type { Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';
import { POD_SC, list, workloadVap } from '../shared/vap.js';

/** The sysctls Pod Security Admission deems safe, by the policy version that added them. */
const SAFE_BY_VERSION: { since: number; names: string[] }[] = [
  { since: 0, names: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'] },
  { since: 27, names: ['net.ipv4.ip_local_reserved_ports'] },
  { since: 29, names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { since: 32, names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
  { since: 37, names: ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'] },
];

export function safeSysctls(minor: number): Set<string> {
  return new Set(SAFE_BY_VERSION.filter((v) => v.since <= minor).flatMap((v) => v.names));
}

export default definePssCheck({
  id: 'sysctls-unsafe',
  title: 'Pod sets an unsafe sysctl',
  severity: 'high',
  category: 'workload',
  description:
    'Sysctls outside the safe, namespaced set can change kernel behaviour for the whole node (memory, networking, ' +
    'security knobs such as kernel.core_pattern or vm.*), affecting every other pod there or disabling protections.',
  remediation:
    'Remove the sysctl from `securityContext.sysctls`, or replace it with one of the safe sysctls; node-wide ' +
    'tuning belongs in the node configuration.',
  frameworks: {
    nsa: ['pod-security/container-environments'],
    pss: { level: 'baseline', control: 'sysctls' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV026'] },
  subject: 'pod',
  pssVersions: SAFE_BY_VERSION.map((v) => ({ since: v.since, change: `${v.since === 0 ? 'safe' : 'also safe'}: ${v.names.join(', ')}` })),
  evaluate: ({ pod, at }, { minor }) => {
    const safe = safeSysctls(minor);
    const out: Issue[] = [];
    asArray(asRecord(pod.spec.securityContext)?.sysctls).forEach((s, i) => {
      const name = asRecord(s)?.name;
      if (typeof name === 'string' && safe.has(name)) return;
      out.push(at(`securityContext/sysctls/${i}/name`, `the pod sets sysctl ${typeof name === 'string' ? name : JSON.stringify(name ?? null)}, which is not in the safe set`, { found: typeof name === 'string' ? name : null, expected: 'a safe sysctl' }));
    });
    return out;
  },
  vap: workloadVap([{ expression: `!has(${POD_SC}.sysctls) || ${POD_SC}.sysctls.all(s, s.name in ${list(safeSysctls(PSS_LATEST_MINOR))})`, message: 'the pod sets a sysctl outside the safe set' }], 'Pod Security version latest (its safe sysctls)'),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: tuned
spec:
  securityContext:
    sysctls:
      - name: net.ipv4.ip_local_port_range
        value: "1024 65000"
      - name: kernel.msgmax
        value: "65536"
  containers:
    - name: app
      image: registry.example.com/app:1.0.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: tuned
spec:
  securityContext:
    sysctls:
      - name: net.ipv4.ip_unprivileged_port_start
        value: "0"
  containers:
    - name: app
      image: registry.example.com/app:1.0.0
`,
    ],
  },
});
