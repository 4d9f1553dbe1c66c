import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { containersOf } from '../../model/containers.js';
import { asRecord } from '../../model/object.js';
import { joinPointer } from '../../model/position.js';
import { POD_SC, everyContainer, isSet, list, workloadVap } from '../shared/vap.js';

/** The deprecated per-container annotation Pod Security Admission still reads. */
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

export default definePssCheck({
  id: 'apparmor-profile-unconfined',
  title: 'Container runs without AppArmor confinement',
  severity: 'medium',
  category: 'workload',
  description:
    'An AppArmor profile of type `Unconfined` (the `appArmorProfile` field of the pod or a container, or the ' +
    '`container.apparmor.security.beta.kubernetes.io/<container>: unconfined` annotation) switches off the ' +
    'mandatory access control the runtime default profile applies: writes to /proc and /sys, mounts and raw ' +
    'device access are no longer blocked, which container escapes rely on.',
  remediation:
    'Remove the Unconfined profile: leave `appArmorProfile` unset (the runtime default applies) or set its type to ' +
    '`RuntimeDefault` or `Localhost`; for the annotation use `runtime/default` or `localhost/<profile>`.',
  frameworks: {
    nsa: ['pod-security/container-environments'],
    pss: { level: 'baseline', control: 'appArmorProfile' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV002'] },
  subject: 'pod',
  pssVersions: [
    { since: 0, change: 'annotations must be runtime/default, localhost/* or empty; appArmorProfile.type (pod and containers) RuntimeDefault or Localhost — the field check was added to the v1.0 rule in Kubernetes 1.30, so it applies at every version' },
  ],
  evaluate: ({ pod, at }) => {
    const out: Issue[] = [];
    for (const [key, value] of Object.entries(asRecord(pod.metadata.annotations) ?? {})) {
      if (!key.startsWith(ANNOTATION_PREFIX) || typeof value !== 'string' || allowedAnnotation(value)) continue;
      out.push({
        path: joinPointer(pod.metadataPath, 'annotations', key),
        message: `annotation ${key} sets AppArmor profile "${value}" for container "${key.slice(ANNOTATION_PREFIX.length)}"`,
        evidence: { found: value, expected: 'runtime/default or localhost/<profile>' },
      });
    }
    const field = (sc: unknown, rel: string, who: string) => {
      const profile = asRecord(asRecord(sc)?.appArmorProfile);
      if (!profile) return;
      const type = profile.type;
      if (typeof type === 'string' && ALLOWED_TYPES.has(type)) return;
      out.push(at(`${rel}securityContext/appArmorProfile/type`, `${who} sets AppArmor profile type ${JSON.stringify(type ?? null)}`, { found: typeof type === 'string' ? type : null, expected: 'RuntimeDefault or Localhost' }));
    };
    field(pod.spec.securityContext, '', 'the pod');
    for (const c of containersOf(pod)) field(c.container.securityContext, c.path.slice(pod.path.length + 1) + '/', `container "${c.name}"`);
    return out;
  },
  vap: workloadVap([
    { expression: `variables.podAnnotations.all(k, !k.startsWith('${ANNOTATION_PREFIX}') || variables.podAnnotations[k] == '' || variables.podAnnotations[k] == 'runtime/default' || variables.podAnnotations[k].startsWith('localhost/'))`, message: 'an AppArmor annotation sets a profile other than runtime/default or localhost/*' },
    { expression: `(!has(${POD_SC}.appArmorProfile) || ${POD_SC}.appArmorProfile.type in ${list(ALLOWED_TYPES)}) && ${everyContainer(`!(${isSet('c', 'securityContext.appArmorProfile')}) || c.securityContext.appArmorProfile.type in ${list(ALLOWED_TYPES)}`)}`, message: 'the pod or a container sets an AppArmor profile type other than RuntimeDefault or Localhost' },
  ]),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: tracer
  annotations:
    container.apparmor.security.beta.kubernetes.io/tracer: unconfined
spec:
  containers:
    - name: tracer
      image: registry.example.com/tracer:1.2.0
`,
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
        - name: agent
          image: registry.example.com/agent:4.0.1
          securityContext:
            appArmorProfile:
              type: Unconfined
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/web: localhost/web-profile
spec:
  securityContext:
    appArmorProfile:
      type: RuntimeDefault
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
  },
});
