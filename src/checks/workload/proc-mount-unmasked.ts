import { definePssCheck, usesUserNamespace } from '../shared/pss-check.js';
import { asRecord } from '../../model/object.js';
import { USER_NAMESPACE_POD, everyContainer, isSet, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'proc-mount-unmasked',
  title: 'Container unmasks /proc',
  severity: 'high',
  category: 'workload',
  description:
    '`procMount: Unmasked` turns off the masks and read-only mounts the runtime puts over sensitive parts of ' +
    '/proc (/proc/kcore, /proc/sysrq-trigger, /proc/sys, ...). In a pod that shares the host\'s user namespace ' +
    'this exposes kernel memory and host-wide kernel settings to the container.',
  remediation: 'Remove `securityContext.procMount` or set it to `Default`.',
  frameworks: {
    nsa: ['pod-security/container-environments'],
    pss: { level: 'baseline', control: 'procMount' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV027'] },
  subject: 'container',
  pssVersions: [
    { since: 0, change: 'procMount must be unset or Default on every container' },
    { since: 35, change: 'pods with hostUsers: false (user namespaces) are exempt (at restricted, procMount_restricted replaces this control and forbids it for them too)' },
  ],
  evaluate: ({ container, pod, at }, { minor }) => {
    if (minor >= 35 && usesUserNamespace(pod.spec)) return [];
    const v = asRecord(container.container.securityContext)?.procMount;
    if (v === undefined || v === null || v === 'Default') return [];
    return [at('securityContext/procMount', `container "${container.name}" sets procMount: ${String(v)}`, { found: String(v), expected: 'Default or unset' })];
  },
  vap: workloadVap([{ expression: `${USER_NAMESPACE_POD} || ${everyContainer(`!(${isSet('c', 'securityContext.procMount')}) || c.securityContext.procMount == 'Default'`)}`, message: 'a container sets procMount other than Default' }], 'Pod Security version latest (pods with hostUsers: false exempt)'),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: nested
spec:
  containers:
    - name: builder
      image: registry.example.com/builder:1.4.0
      securityContext:
        procMount: Unmasked
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: nested
spec:
  hostUsers: false
  containers:
    - name: builder
      image: registry.example.com/builder:1.4.0
      securityContext:
        procMount: Default
`,
    ],
  },
});
