import { defineCheck } from '../define.js';
import { isWindowsPod } from '../shared/windows.js';
import { USER_NAMESPACE_POD, WINDOWS_POD, workloadVap } from '../shared/vap.js';

export default defineCheck({
  id: 'host-users',
  title: 'Pod does not use a user namespace',
  severity: 'info',
  category: 'workload',
  description:
    'Unless `hostUsers: false` (Kubernetes 1.30+ with a supporting runtime and kernel), a pod\'s UIDs are the ' +
    'node\'s: root in the container is UID 0 on the node, and any escape (a runtime or kernel bug, a writable ' +
    'hostPath) lands as root. With a user namespace, container root maps to an unprivileged UID on the node and ' +
    'most escapes gain nothing. Opt-in hardening (`profile: hardening`, shown with `--profile all` only): it needs ' +
    'node support, is not the default anywhere, and pods using host namespaces cannot set it. Windows pods have no user namespaces and are skipped.',
  remediation: 'Set `hostUsers: false` in the pod spec where the cluster supports user namespaces.',
  frameworks: {
    nsa: ['pod-security/non-root'],
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  // User namespaces are opt-in (beta, Kubernetes 1.30+, runtime and kernel support): defence in depth, not a weakness.
  profile: 'hardening',
  subject: 'pod',
  run: ({ pod, at }) => {
    if (isWindowsPod(pod) || pod.spec.hostUsers === false) return [];
    const value = pod.spec.hostUsers;
    const message = value === true ? 'the pod sets hostUsers: true, so its UIDs are the node\'s' : 'the pod does not set hostUsers: false, so its UIDs are the node\'s';
    return [at('hostUsers', message, { found: value === undefined || value === null ? null : String(value), expected: 'false' })];
  },
  vap: workloadVap([{ expression: `${WINDOWS_POD} || ${USER_NAMESPACE_POD}`, message: 'the pod does not set hostUsers: false' }]),
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
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostUsers: false
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
  },
});
