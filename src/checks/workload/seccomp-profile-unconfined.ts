import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { containersOf } from '../../model/containers.js';
import { asRecord } from '../../model/object.js';
import { joinPointer } from '../../model/position.js';
import { POD_SC, everyContainer, isSet, list, workloadVap } from '../shared/vap.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const CONFINED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function confinedAnnotation(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

export default definePssCheck({
  id: 'seccomp-profile-unconfined',
  title: 'Pod or container explicitly disables seccomp',
  severity: 'high',
  category: 'workload',
  description:
    'A seccomp profile of type `Unconfined` (or, before policy v1.19, the `seccomp.security.alpha.kubernetes.io` ' +
    'annotations set to `unconfined`) explicitly opens every system call of the kernel to the container, including ' +
    'the ones container escapes and kernel exploits rely on (unshare, keyctl, bpf, userfaultfd).',
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` (or `Localhost` with a profile) instead of ' +
    '`Unconfined`, on the pod and on any container that overrides it.',
  frameworks: {
    cis: ['5.6.2'],
    nsa: ['pod-security/container-environments'],
    pss: { level: 'baseline', control: 'seccompProfile_baseline' },
    mitre: ['T1611', 'T1068'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV104'] },
  subject: 'pod',
  pssVersions: [
    { since: 0, change: 'the seccomp.security.alpha.kubernetes.io/pod and container.seccomp.security.alpha.kubernetes.io/* annotations must not be unconfined' },
    { since: 19, change: 'the seccompProfile fields are judged instead: type RuntimeDefault, Localhost or unset on the pod and every container (at restricted, seccompProfile_restricted replaces this control)' },
  ],
  evaluate: ({ pod, at }, { minor }) => {
    const out: Issue[] = [];
    if (minor < 19) {
      // The pod annotation, and the container annotations of containers the pod has.
      const keys = new Set([POD_ANNOTATION, ...containersOf(pod).map((c) => CONTAINER_ANNOTATION_PREFIX + c.name)]);
      for (const [key, value] of Object.entries(asRecord(pod.metadata.annotations) ?? {})) {
        if (!keys.has(key) || typeof value !== 'string' || confinedAnnotation(value)) continue;
        out.push({ path: joinPointer(pod.metadataPath, 'annotations', key), message: `annotation ${key} sets seccomp profile "${value}"`, evidence: { found: value, expected: 'runtime/default or localhost/<profile>' } });
      }
      return out;
    }
    const judge = (sc: unknown, rel: string, who: string) => {
      // A profile that is set must name a confining type (a profile without a type is not one).
      const profile = asRecord(asRecord(sc)?.seccompProfile);
      if (!profile) return;
      const type = profile.type;
      if (typeof type === 'string' && CONFINED_TYPES.has(type)) return;
      out.push(at(`${rel}securityContext/seccompProfile/type`, `${who} sets seccomp profile type ${JSON.stringify(type ?? null)}`, { found: type === undefined ? null : String(type), expected: 'RuntimeDefault, Localhost or unset' }));
    };
    judge(pod.spec.securityContext, '', 'the pod');
    for (const c of containersOf(pod)) judge(c.container.securityContext, c.path.slice(pod.path.length + 1) + '/', `container "${c.name}"`);
    return out;
  },
  vap: workloadVap([{ expression: `(!has(${POD_SC}.seccompProfile) || ${POD_SC}.seccompProfile.type in ${list(CONFINED_TYPES)}) && ${everyContainer(`!(${isSet('c', 'securityContext.seccompProfile')}) || c.securityContext.seccompProfile.type in ${list(CONFINED_TYPES)}`)}`, message: 'the pod or a container sets a seccomp profile type other than RuntimeDefault or Localhost' }], 'Pod Security version latest (the seccompProfile fields, not the pre-1.19 annotations)'),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: strace
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
    - name: strace
      image: registry.example.com/strace:6.1
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
  },
});
