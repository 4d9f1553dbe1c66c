import { definePssCheck, isFirstContainer, usesUserNamespace } from '../shared/pss-check.js';
import { asRecord } from '../../model/object.js';
import { setContainerSecurityField, setPodSecurityField } from '../shared/security-context-patch.js';
import { isWindowsPod } from '../shared/windows.js';
import { POD_SC, USER_NAMESPACE_POD, everyContainer, isSet, isValue, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'run-as-non-root',
  title: 'Container may run as root',
  severity: 'medium',
  category: 'workload',
  description:
    'Unless `runAsNonRoot: true` is set on the pod (covering every container) or on each container, the kubelet ' +
    'starts the container as whatever user its image declares, which for most images is root (UID 0). Root in the ' +
    'container owns the container\'s files and is root on the host if the attacker breaks out of the namespace ' +
    'through a kernel or runtime bug, a writable hostPath or an added capability. As in Pod Security Admission, a ' +
    'non-zero `runAsUser` alone does not satisfy this control (the image could still be switched), and ' +
    '`runAsNonRoot: false` anywhere is a violation; pods in their own user namespace (`hostUsers: false`) are exempt ' +
    'from policy v1.35.',
  remediation:
    'Set `securityContext.runAsNonRoot: true` on the pod to cover every container (or on each container) and make ' +
    'sure the image runs as a non-root USER (or set a non-zero `runAsUser`). Never set `runAsNonRoot: false`.',
  frameworks: {
    cis: ['5.2.7'],
    nsa: ['pod-security/non-root'],
    pss: { level: 'restricted', control: 'runAsNonRoot' },
    mitre: ['T1611', 'T1068'],
    owasp: ['K01'],
  },
  aliases: {
    kubescape: ['C-0013'],
    trivy: ['KSV012'],
    kubeLinter: ['run-as-non-root'],
    polaris: ['runAsRootAllowed'],
    checkov: ['CKV_K8S_23'],
  },
  subject: 'container',
  pssVersions: [
    { since: 0, change: 'runAsNonRoot must be true on the pod or on every container; false anywhere is forbidden' },
    { since: 35, change: 'pods with hostUsers: false (user namespaces) are exempt' },
  ],
  evaluate: ({ container, pod, at }, { minor }) => {
    if (minor >= 35 && usesUserNamespace(pod.spec)) return [];
    const podValue = asRecord(pod.spec.securityContext)?.runAsNonRoot;
    const own = asRecord(container.container.securityContext)?.runAsNonRoot;
    const out = [];
    // A pod-level false is one violation of the pod: reported once, with the pod's first container.
    if (podValue === false && isFirstContainer(container)) {
      out.push({ path: `${pod.path}/securityContext/runAsNonRoot`, message: 'the pod sets runAsNonRoot: false', evidence: { found: 'false', expected: 'true' } });
    }
    if (own === false) {
      out.push(at('securityContext/runAsNonRoot', `container "${container.name}" sets runAsNonRoot: false`, { found: 'false', expected: 'true' }));
    } else if ((own === undefined || own === null) && podValue !== true && podValue !== false) {
      const where = isWindowsPod(pod) ? ' (Windows pods too)' : '';
      out.push(at('securityContext/runAsNonRoot', `container "${container.name}" may run as root: runAsNonRoot: true is set neither on it nor on the pod${where}`, { found: null, expected: 'true' }));
    }
    return out;
  },
  fix: ({ container, pod }) => {
    const podValue = asRecord(pod.spec.securityContext)?.runAsNonRoot;
    const own = asRecord(container.container.securityContext)?.runAsNonRoot;
    const ops = podValue === false ? setPodSecurityField(pod, 'runAsNonRoot', true) : [];
    if (own === false || ((own === undefined || own === null) && podValue !== true && podValue !== false)) ops.push(...setContainerSecurityField(container, 'runAsNonRoot', true));
    return ops;
  },
  vap: workloadVap([{ expression: `${USER_NAMESPACE_POD} || (!${isValue(POD_SC, 'runAsNonRoot', 'false')} && ${everyContainer(`${isSet('c', 'securityContext.runAsNonRoot')} ? c.securityContext.runAsNonRoot : has(${POD_SC}.runAsNonRoot)`)})`, message: 'runAsNonRoot: true is not set on the pod or on every container, or is false somewhere' }], 'Pod Security version latest (pods with hostUsers: false exempt)'),
  examples: {
    fail: [
      { yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`, path: '/spec/containers/0/securityContext/runAsNonRoot', line: 7, column: 7 },
      `apiVersion: v1
kind: Pod
metadata:
  name: legacy
spec:
  securityContext:
    runAsNonRoot: false
  containers:
    - name: app
      image: registry.example.com/legacy:7.0.0
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
        runAsNonRoot: true
      initContainers:
        - name: migrate
          image: registry.example.com/api-migrate:5.2.0
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
`,
    ],
  },
});
