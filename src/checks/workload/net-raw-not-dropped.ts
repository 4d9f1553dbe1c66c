import { defineCheck } from '../define.js';
import { capabilityList } from '../shared/capabilities.js';
import { isWindowsPod } from '../shared/windows.js';
import { WINDOWS_POD, capabilityName, everyContainer, isSet, workloadVap } from '../shared/vap.js';

export default defineCheck({
  id: 'net-raw-not-dropped',
  title: 'Container keeps the NET_RAW capability',
  severity: 'medium',
  category: 'workload',
  description:
    'Container runtimes grant NET_RAW by default. It lets a process open raw and packet sockets: craft any packet, ' +
    'spoof addresses, ARP- and DNS-poison neighbours on the pod network, and sniff traffic; several kernel ' +
    'exploits also start from it. It stays unless `capabilities.drop` holds `ALL` or `NET_RAW`, and adding it (or ' +
    'ALL) back undoes the drop. Capability names are compared case-insensitively, with or without `CAP_`, the way ' +
    'container runtimes read them. Windows pods have no Linux capabilities and are skipped.',
  remediation: 'Add `ALL` (or at least `NET_RAW`) to `securityContext.capabilities.drop` and do not add NET_RAW back; ping works without it through ICMP sockets (net.ipv4.ping_group_range).',
  frameworks: {
    cis: ['5.2.8'],
    nsa: ['pod-security/enforcement'],
    mitre: ['T1040', 'T1557'],
    owasp: ['K01'],
  },
  aliases: { kubeLinter: ['drop-net-raw-capability'], checkov: ['CKV_K8S_28'] },
  subject: 'container',
  run: ({ container, pod, at }) => {
    if (isWindowsPod(pod)) return [];
    const added = capabilityList(container, 'add').find((c) => c.name === 'NET_RAW' || c.name === 'ALL');
    if (added) {
      return [at(`securityContext/capabilities/add/${added.index}`, `container "${container.name}" adds ${added.written}, which grants NET_RAW`, { found: added.written, expected: 'NET_RAW not added' })];
    }
    if (capabilityList(container, 'drop').some((c) => c.name === 'ALL' || c.name === 'NET_RAW')) return [];
    return [at('securityContext/capabilities/drop', `container "${container.name}" does not drop NET_RAW (drop ALL or NET_RAW)`, { found: null, expected: 'drop: [ALL] or drop: [NET_RAW]' })];
  },
  vap: workloadVap([{ expression: `${WINDOWS_POD} || ${everyContainer(`!(${isSet('c', 'securityContext.capabilities.add')} && c.securityContext.capabilities.add.exists(a, ${capabilityName('a')} in ['NET_RAW', 'ALL'])) && ${isSet('c', 'securityContext.capabilities.drop')} && c.securityContext.capabilities.drop.exists(a, ${capabilityName('a')} in ['NET_RAW', 'ALL'])`)}`, message: 'a container adds NET_RAW (or ALL), or drops neither NET_RAW nor ALL' }]),
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
      securityContext:
        capabilities:
          drop: [NET_ADMIN]
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: pinger
spec:
  containers:
    - name: ping
      image: registry.example.com/ping:1.0.0
      securityContext:
        capabilities:
          drop: [ALL]
          add: [cap_net_raw]
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: registry.example.com/init:1.0.0
      securityContext:
        capabilities:
          drop: [CAP_NET_RAW]
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      securityContext:
        capabilities:
          drop: [all]
          add: [NET_BIND_SERVICE]
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os: {name: windows}
  containers:
    - name: iis
      image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
`,
    ],
  },
});
