import { defineCheck } from '../define.js';
import { asRecord, isRecord } from '../../model/object.js';
import { setContainerSecurityField, setPodSecurityField } from '../shared/security-context-patch.js';
import { isWindowsPod } from '../shared/windows.js';

/** Profile types that confine the container (Localhost needs a profile file on the node). */
const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

export default defineCheck({
  id: 'seccomp-profile-unset',
  title: 'Container runs without a seccomp profile',
  severity: 'medium',
  category: 'workload',
  description:
    'Unless its effective `seccompProfile.type` is RuntimeDefault or Localhost, a container runs Unconfined: every ' +
    'system call of the kernel is open to it. Many container escapes and kernel exploits rely on rarely needed ' +
    'system calls (unshare, keyctl, bpf, userfaultfd) that the runtime\'s default profile blocks.',
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (it applies to every container) and ' +
    'remove any container-level `Unconfined` profile.',
  frameworks: {
    cis: ['5.6.2'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'restricted', control: 'seccompProfile_restricted' },
    mitre: ['T1611', 'T1068'],
    owasp: ['K01'],
  },
  aliases: { kubescape: ['C-0210'], trivy: ['KSV030'], checkov: ['CKV_K8S_31'] },
  subject: 'container',
  run: ({ container, pod, at }) => {
    if (isWindowsPod(pod)) return [];
    const type = container.effective('seccompProfile/type');
    if (type && typeof type.value === 'string' && CONFINED.has(type.value)) return [];
    const expected = 'RuntimeDefault or Localhost';
    if (type) {
      const what = type.value === 'Unconfined' ? 'is Unconfined' : `has unknown type ${JSON.stringify(type.value)}`;
      return [{ path: type.path, message: `container "${container.name}": seccomp profile ${what}${type.from === 'pod' ? ' (set on the pod)' : ''}`, evidence: { found: String(type.value), expected } }];
    }
    return [at('securityContext/seccompProfile/type', `container "${container.name}" has no seccomp profile, on the container or the pod`, { found: null, expected })];
  },
  fix: ({ container, pod }) => {
    const profile = { type: 'RuntimeDefault' };
    // A container-level profile replaces the pod's as a whole, so it is fixed where it is.
    if (isRecord(asRecord(container.container.securityContext)?.seccompProfile)) return setContainerSecurityField(container, 'seccompProfile', profile);
    return setPodSecurityField(pod, 'seccompProfile', profile);
  },
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
`,
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
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
        - name: profiler
          image: registry.example.com/profiler:0.4.0
          securityContext:
            seccompProfile:
              type: Unconfined
`,
    ],
    pass: [
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
        seccompProfile:
          type: RuntimeDefault
      initContainers:
        - name: migrate
          image: registry.example.com/api-migrate:5.2.0
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
          securityContext:
            seccompProfile:
              type: Localhost
              localhostProfile: profiles/api.json
`,
    ],
  },
});
