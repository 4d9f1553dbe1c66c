import { defineCheck, type Issue } from '../define.js';
import type { Severity } from '../../model/finding.js';
import { capabilityList } from '../shared/capabilities.js';
import { isWindowsPod } from '../shared/windows.js';
import { WINDOWS_POD, capabilityName, everyContainer, isSet, list, workloadVap } from '../shared/vap.js';

/** Capabilities that break container isolation, with what each gives an attacker. */
const DANGEROUS: Record<string, { why: string; severity: Severity }> = {
  ALL: { why: 'every capability, close to a privileged container', severity: 'critical' },
  SYS_ADMIN: { why: 'mount, namespaces, BPF and much more: the classic container escape', severity: 'high' },
  SYS_MODULE: { why: 'loading kernel modules: code in the node\'s kernel', severity: 'high' },
  SYS_PTRACE: { why: 'tracing and injecting into other processes', severity: 'high' },
  SYS_RAWIO: { why: 'raw I/O ports and /dev/mem', severity: 'high' },
  SYS_BOOT: { why: 'rebooting the node and loading a new kernel (kexec)', severity: 'high' },
  SYS_TIME: { why: 'setting the node\'s clock, breaking certificates and logs', severity: 'high' },
  NET_ADMIN: { why: 'reconfiguring interfaces, routes and firewall rules, bypassing network policy', severity: 'high' },
  BPF: { why: 'loading BPF programs into the kernel', severity: 'high' },
  PERFMON: { why: 'kernel performance monitoring and BPF tracing, which read other processes\' memory', severity: 'high' },
  DAC_READ_SEARCH: { why: 'reading any file and open_by_handle_at, the "shocker" escape', severity: 'high' },
  MAC_ADMIN: { why: 'changing AppArmor and SELinux policy', severity: 'high' },
  MAC_OVERRIDE: { why: 'bypassing AppArmor and SELinux', severity: 'high' },
  SYSLOG: { why: 'reading and clearing the kernel log, which leaks kernel addresses', severity: 'high' },
  LINUX_IMMUTABLE: { why: 'changing immutable and append-only file flags', severity: 'high' },
  SYS_RESOURCE: { why: 'overriding resource limits and quotas', severity: 'high' },
  IPC_OWNER: { why: 'bypassing permission checks on System V IPC objects', severity: 'high' },
  WAKE_ALARM: { why: 'waking the node from suspend', severity: 'high' },
  BLOCK_SUSPEND: { why: 'preventing the node from suspending', severity: 'high' },
};

export default defineCheck({
  id: 'dangerous-capabilities',
  title: 'Container adds a capability that breaks isolation',
  severity: 'high',
  category: 'workload',
  description:
    'Some Linux capabilities are each enough to escape the container or take over the node: SYS_ADMIN, ' +
    'SYS_MODULE, SYS_PTRACE, SYS_RAWIO, SYS_BOOT, NET_ADMIN, BPF, PERFMON, DAC_READ_SEARCH, MAC_ADMIN, ALL and ' +
    'others. Names are matched as container runtimes read them: case-insensitively, with or without `CAP_` ' +
    '(`cap_sys_admin` is SYS_ADMIN). ALL is critical, the others high. NET_RAW is reported by ' +
    'net-raw-not-dropped; the Pod Security Standards view of added capabilities by capabilities-added.',
  remediation:
    'Remove the capability from `capabilities.add`. Give node-level tools that truly need one a dedicated, ' +
    'tightly controlled namespace, and drop ALL other capabilities.',
  frameworks: {
    cis: ['5.2.9'],
    nsa: ['pod-security/enforcement'],
    mitre: ['T1611', 'T1068'],
    owasp: ['K01'],
  },
  subject: 'container',
  run: ({ container, pod, at }) => {
    if (isWindowsPod(pod)) return [];
    const out: Issue[] = [];
    for (const cap of capabilityList(container, 'add')) {
      const d = DANGEROUS[cap.name];
      if (!d) continue;
      out.push({
        ...at(`securityContext/capabilities/add/${cap.index}`, `container "${container.name}" adds ${cap.written}: ${d.why}`, { found: cap.written, expected: 'no capability that breaks isolation' }),
        severity: d.severity,
      });
    }
    return out;
  },
  vap: workloadVap([{ expression: `${WINDOWS_POD} || ${everyContainer(`!(${isSet('c', 'securityContext.capabilities.add')}) || c.securityContext.capabilities.add.all(a, !(${capabilityName('a')} in ${list(Object.keys(DANGEROUS))}))`)}`, message: 'a container adds a capability that breaks isolation' }]),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: vpn
spec:
  containers:
    - name: tunnel
      image: registry.example.com/tunnel:0.9.1
      securityContext:
        capabilities:
          add: [NET_BIND_SERVICE, NET_ADMIN]
`,
      {
        yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: tracer
spec:
  selector:
    matchLabels: {app: tracer}
  template:
    metadata:
      labels: {app: tracer}
    spec:
      initContainers:
        - name: setup
          image: registry.example.com/tracer-setup:2.0.0
          securityContext:
            capabilities:
              add: ["cap_sys_admin"]
      containers:
        - name: tracer
          image: registry.example.com/tracer:2.0.0
          securityContext:
            capabilities:
              add: ["CAP_BPF", "perfmon", "Sys_Ptrace", "CHOWN"]
`,
        findings: 4,
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
      securityContext:
        capabilities:
          drop: [ALL]
          add: [NET_BIND_SERVICE, chown]
`,
    ],
  },
});
