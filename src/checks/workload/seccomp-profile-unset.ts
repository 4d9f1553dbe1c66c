import { definePssCheck, isFirstContainer } from '../shared/pss-check.js';
import { asRecord, isRecord } from '../../model/object.js';
import { setContainerSecurityField, setPodSecurityField } from '../shared/security-context-patch.js';
import { isWindowsPod } from '../shared/windows.js';
import { POD_SC, WINDOWS_POD, everyContainer, isSet, workloadVap } from '../shared/vap.js';

/** Profile types that confine the container (Localhost needs a profile file on the node). */
const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

export default definePssCheck({
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
  pssVersions: [
    { since: 19, change: 'seccompProfile.type must be RuntimeDefault or Localhost on the pod, or on every container; Unconfined nowhere (replaces seccompProfile_baseline at restricted)' },
    { since: 25, change: 'Windows pods (spec.os.name: windows) are exempt' },
  ],
  evaluate: ({ container, pod, at }, { minor, full }) => {
    if (minor >= 25 && isWindowsPod(pod)) return [];
    const expected = 'RuntimeDefault or Localhost';
    // A set but unconfining type is seccomp-profile-unconfined's finding when both levels are judged at once.
    const reportable = (v: unknown) => full && !(typeof v === 'string' && CONFINED.has(v));
    const what = (v: unknown) => (v === 'Unconfined' ? 'is Unconfined' : `has type ${JSON.stringify(v)}`);
    const out = [];
    // A profile map that is present is "set", whatever its type (a missing type is a bad value).
    const podProfile = asRecord(asRecord(pod.spec.securityContext)?.seccompProfile);
    const podType = podProfile?.type;
    const podSet = podProfile !== undefined;
    // The pod-level value is one setting of the pod: judged once, with its first container.
    if (podSet && reportable(podType) && isFirstContainer(container)) {
      out.push({ path: `${pod.path}/securityContext/seccompProfile/type`, message: `the pod's seccomp profile ${what(podType)}`, evidence: { found: podType === undefined ? null : String(podType), expected } });
    }
    const ownProfile = asRecord(asRecord(container.container.securityContext)?.seccompProfile);
    const own = ownProfile?.type;
    if (ownProfile) {
      if (reportable(own)) out.push(at('securityContext/seccompProfile/type', `container "${container.name}": seccomp profile ${what(own)}`, { found: own === undefined ? null : String(own), expected }));
    } else if (!podSet) {
      out.push(at('securityContext/seccompProfile/type', `container "${container.name}" has no seccomp profile, on the container or the pod`, { found: null, expected }));
    }
    return out;
  },
  fix: ({ container, pod }) => {
    const profile = { type: 'RuntimeDefault' };
    // A container-level profile replaces the pod's as a whole, so it is fixed where it is.
    if (isRecord(asRecord(container.container.securityContext)?.seccompProfile)) return setContainerSecurityField(container, 'seccompProfile', profile);
    return setPodSecurityField(pod, 'seccompProfile', profile);
  },
  vap: workloadVap([{ expression: `${WINDOWS_POD} || has(${POD_SC}.seccompProfile) || ${everyContainer(isSet('c', 'securityContext.seccompProfile'))}`, message: 'a container has no seccomp profile, on the container or the pod' }], 'Pod Security version latest; an Unconfined profile is seccomp-profile-unconfined\'s policy'),
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
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
          securityContext:
            seccompProfile:
              type: RuntimeDefault
        - name: profiler
          image: registry.example.com/profiler:0.4.0
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
