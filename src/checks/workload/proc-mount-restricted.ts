import { definePssCheck, usesUserNamespace } from '../shared/pss-check.js';
import { asRecord } from '../../model/object.js';
import { USER_NAMESPACE_POD, everyContainer, isSet, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'proc-mount-restricted',
  title: 'Container unmasks /proc in a user-namespaced pod',
  severity: 'medium',
  category: 'workload',
  description:
    'From policy v1.35 the baseline level lets a pod in its own user namespace (`hostUsers: false`) set ' +
    '`procMount: Unmasked`; the restricted level still forbids it. An unmasked /proc inside a user namespace ' +
    'still widens the kernel interface the container can reach.',
  remediation: 'Remove `securityContext.procMount` or set it to `Default`.',
  frameworks: {
    nsa: ['pod-security/container-environments'],
    pss: { level: 'restricted', control: 'procMount_restricted' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  subject: 'container',
  pssVersions: [
    { since: 35, change: 'procMount must be unset or Default on every container, user namespace or not (replaces procMount at restricted)' },
  ],
  evaluate: ({ container, pod, at }, { minor, full }) => {
    // When both levels are judged at once, proc-mount-unmasked reports the pods it does not exempt.
    if (!full && !(minor >= 35 && usesUserNamespace(pod.spec))) return [];
    const v = asRecord(container.container.securityContext)?.procMount;
    if (v === undefined || v === null || v === 'Default') return [];
    return [at('securityContext/procMount', `container "${container.name}" sets procMount: ${String(v)}`, { found: String(v), expected: 'Default or unset' })];
  },
  vap: workloadVap([{ expression: `!${USER_NAMESPACE_POD} || ${everyContainer(`!(${isSet('c', 'securityContext.procMount')}) || c.securityContext.procMount == 'Default'`)}`, message: 'a container of a pod with hostUsers: false sets procMount other than Default' }], 'Pod Security version latest; other pods are proc-mount-unmasked\'s policy'),
  examples: {
    fail: [
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
`,
    ],
  },
});
