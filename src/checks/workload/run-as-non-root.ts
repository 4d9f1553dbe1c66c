import { defineCheck } from '../define.js';
import type { ContainerRef } from '../../model/containers.js';
import { setContainerSecurityField } from '../shared/security-context-patch.js';
import { isWindowsPod } from '../shared/windows.js';

/** Windows' built-in administrator account inside containers. */
const WINDOWS_ADMIN = 'containeradministrator';

function isNonRootWindowsUser(c: ContainerRef): boolean {
  const user = c.effective('windowsOptions/runAsUserName')?.value;
  return typeof user === 'string' && user !== '' && user.toLowerCase() !== WINDOWS_ADMIN;
}

export default defineCheck({
  id: 'run-as-non-root',
  title: 'Container may run as root',
  severity: 'medium',
  category: 'workload',
  description:
    'A container with neither `runAsNonRoot: true` nor a non-zero `runAsUser` (on the container or inherited from ' +
    'the pod) runs as whatever user its image declares, which for most images is root (UID 0). Root in the ' +
    'container owns the container\'s files and is root on the host if the attacker breaks out of the namespace ' +
    'through a kernel or runtime bug, a writable hostPath or an added capability.',
  remediation:
    'Set `securityContext.runAsNonRoot: true` (on the pod to cover every container) and, if the image has no ' +
    'non-root USER, a non-zero `runAsUser`. Never set `runAsUser: 0`.',
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
  run: ({ container, pod, at }) => {
    const user = container.effective('runAsUser');
    if (!isWindowsPod(pod) && user && user.value === 0) {
      return [{ path: user.path, message: `container "${container.name}" runs as root: runAsUser is 0`, evidence: { found: 0, expected: 'a UID above 0' } }];
    }
    const nonRoot = container.effective('runAsNonRoot');
    if (nonRoot?.value === true) return [];
    if (isWindowsPod(pod) ? isNonRootWindowsUser(container) : typeof user?.value === 'number' && user.value > 0) return [];
    if (nonRoot) {
      return [{ path: nonRoot.path, message: `container "${container.name}" may run as root: runAsNonRoot is ${String(nonRoot.value)}${nonRoot.from === 'pod' ? ' on the pod' : ''}`, evidence: { found: String(nonRoot.value), expected: 'true' } }];
    }
    return [at('securityContext/runAsNonRoot', `container "${container.name}" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set`, { found: null, expected: 'true' })];
  },
  fix: ({ container, pod }) => {
    const user = container.effective('runAsUser');
    // Choosing a UID needs the image's knowledge; a pod-level runAsUser: 0 is left to a human.
    if (!isWindowsPod(pod) && user?.value === 0) {
      if (user.from === 'pod') return [];
      return [{ op: 'remove', path: user.path }, ...setContainerSecurityField(container, 'runAsNonRoot', true)];
    }
    return setContainerSecurityField(container, 'runAsNonRoot', true);
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
        runAsNonRoot: true
      containers:
        - name: api
          image: registry.example.com/api:5.2.0
          securityContext:
            runAsUser: 0
`,
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
        runAsUser: 10001
`,
    ],
  },
});
