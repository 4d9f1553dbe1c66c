import { definePssCheck, usesUserNamespace } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { containersOf } from '../../model/containers.js';
import { asRecord } from '../../model/object.js';
import { POD_SC, USER_NAMESPACE_POD, everyContainer, isValue, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'run-as-user-root',
  title: 'Pod or container sets runAsUser: 0',
  severity: 'high',
  category: 'workload',
  description:
    '`runAsUser: 0` starts the container\'s process as root whatever the image says, and makes the kubelet ' +
    'refuse to start it when `runAsNonRoot: true` is also set. Root in the container is one kernel or runtime bug ' +
    'away from root on the node. The finding implies `run-as-non-root` on the same container (the container runs ' +
    'as root, not "may"): that one is folded under it, for a pod-level `runAsUser: 0` on each container that does ' +
    'not set a UID of its own.',
  remediation: 'Set `runAsUser` to a non-zero UID the image supports, or remove it and let the image\'s USER apply.',
  frameworks: {
    cis: ['5.2.7'],
    nsa: ['pod-security/non-root'],
    pss: { level: 'restricted', control: 'runAsUser' },
    mitre: ['T1611', 'T1068'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV105'] },
  implies: ['run-as-non-root'],
  subject: 'pod',
  pssVersions: [
    { since: 23, change: 'runAsUser must not be 0 on the pod or any container' },
    { since: 35, change: 'pods with hostUsers: false (user namespaces) are exempt' },
  ],
  evaluate: ({ pod, at }, { minor }) => {
    if (minor >= 35 && usesUserNamespace(pod.spec)) return [];
    const out: Issue[] = [];
    if (asRecord(pod.spec.securityContext)?.runAsUser === 0) {
      // The containers that inherit it (no runAsUser of their own): their run-as-non-root findings fold under this one.
      const covers = containersOf(pod).filter((c) => asRecord(c.container.securityContext)?.runAsUser === undefined).map((c) => c.path);
      out.push({ ...at('securityContext/runAsUser', 'the pod sets runAsUser: 0', { found: 0, expected: 'a UID above 0, or unset' }), ...(covers.length ? { covers } : {}) });
    }
    for (const c of containersOf(pod)) {
      if (asRecord(c.container.securityContext)?.runAsUser !== 0) continue;
      out.push({ path: `${c.path}/securityContext/runAsUser`, message: `container "${c.name}" sets runAsUser: 0`, evidence: { found: 0, expected: 'a UID above 0, or unset' } });
    }
    return out;
  },
  vap: workloadVap([{ expression: `${USER_NAMESPACE_POD} || (!${isValue(POD_SC, 'runAsUser', '0')} && ${everyContainer(`!${isValue('c', 'securityContext.runAsUser', '0')}`)})`, message: 'the pod or a container sets runAsUser: 0' }], 'Pod Security version latest (pods with hostUsers: false exempt)'),
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
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
          securityContext:
            runAsUser: 0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 10001
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
  },
});
