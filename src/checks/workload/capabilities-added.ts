import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';
import { everyContainer, isSet, list, workloadVap } from '../shared/vap.js';

/** Capabilities the Pod Security Standards baseline level allows a container to add. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP',
  'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The capability a spelling such as "cap_chown" means, for the message. */
function normalise(cap: string): string {
  const upper = cap.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export default definePssCheck({
  id: 'capabilities-added',
  title: 'Container adds a dangerous Linux capability',
  severity: 'high',
  category: 'workload',
  description:
    'Each entry of `securityContext.capabilities.add` beyond the default set the Pod Security Standards baseline ' +
    'allows grants a piece of root\'s power. SYS_ADMIN is nearly privileged, SYS_PTRACE lets an attacker inject ' +
    'into other processes, NET_ADMIN and NET_RAW let them reconfigure or spoof network traffic, SYS_MODULE loads ' +
    'kernel modules, and ALL grants everything: each is a step toward escaping to the node.',
  remediation:
    'Remove the capability from `capabilities.add`. Drop ALL capabilities and add back only those from the baseline ' +
    'set (for example NET_BIND_SERVICE) that the process needs, spelled as Kubernetes names them (CHOWN, not cap_chown).',
  frameworks: {
    cis: ['5.2.9'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'capabilities_baseline' },
    mitre: ['T1611', 'T1068'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0046'], trivy: ['KSV022'], polaris: ['dangerousCapabilities'], checkov: ['CKV_K8S_25'] },
  subject: 'container',
  pssVersions: [{ since: 0, change: 'capabilities.add only from the 13-capability baseline list, spelled exactly (at restricted from v1.22, capabilities_restricted replaces this control)' }],
  evaluate: ({ container, at }) => {
    const out: Issue[] = [];
    const caps = asRecord(asRecord(container.container.securityContext)?.capabilities);
    asArray(caps?.add).forEach((cap, i) => {
      // Pod Security Admission compares the exact strings: "chown" or "CAP_CHOWN" is not CHOWN.
      if (typeof cap !== 'string' || BASELINE_CAPABILITIES.has(cap)) return;
      const rel = `securityContext/capabilities/add/${i}`;
      const evidence = { found: cap, expected: 'only capabilities from the baseline set, spelled as Kubernetes names them' };
      const meant = normalise(cap);
      if (BASELINE_CAPABILITIES.has(meant)) {
        out.push({ ...at(rel, `container "${container.name}" adds capability ${cap}: Pod Security Admission rejects it unless written ${meant}`, evidence), severity: 'low' });
      } else {
        out.push(at(rel, `container "${container.name}" adds capability ${cap}`, evidence));
      }
    });
    return out;
  },
  vap: workloadVap([{ expression: everyContainer(`!(${isSet('c', 'securityContext.capabilities.add')}) || c.securityContext.capabilities.add.all(a, a in ${list(BASELINE_CAPABILITIES)})`), message: 'a container adds a capability outside the Pod Security baseline set' }]),
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
          add:
            - NET_BIND_SERVICE
            - NET_ADMIN
`,
      {
        yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: registry.example.com/db:16.2
          securityContext:
            capabilities:
              add: ["CAP_SYS_ADMIN", "sys_ptrace", "CHOWN", "chown"]
`,
        findings: 3,
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
          drop: ["ALL"]
          add: ["NET_BIND_SERVICE"]
`,
    ],
  },
});
