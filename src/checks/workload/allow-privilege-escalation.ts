import { definePssCheck } from '../shared/pss-check.js';
import { asRecord } from '../../model/object.js';
import { setContainerSecurityField } from '../shared/security-context-patch.js';
import { isWindowsPod } from '../shared/windows.js';
import { WINDOWS_POD, everyContainer, isValue, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'allow-privilege-escalation',
  title: 'Container allows privilege escalation',
  severity: 'medium',
  category: 'workload',
  description:
    'Unless `allowPrivilegeEscalation` is explicitly false, the kernel\'s no_new_privs flag is not set and a process ' +
    'in the container can gain more privileges than its parent, for example through a setuid binary or file ' +
    'capabilities. An attacker with a foothold as an unprivileged user uses that to become root in the container, ' +
    'the usual first step toward escaping it. The field defaults to true.',
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container (it cannot be set at pod level).',
  frameworks: {
    cis: ['5.2.6'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'restricted', control: 'allowPrivilegeEscalation' },
    mitre: ['T1068'],
    owasp: ['K01'],
  },
  aliases: {
    kubescape: ['C-0016'],
    trivy: ['KSV001'],
    kubeLinter: ['privilege-escalation-container'],
    polaris: ['privilegeEscalationAllowed'],
    checkov: ['CKV_K8S_20'],
  },
  subject: 'container',
  pssVersions: [
    { since: 8, change: 'allowPrivilegeEscalation must be false on every container' },
    { since: 25, change: 'Windows pods (spec.os.name: windows) are exempt' },
  ],
  evaluate: ({ container, pod, at }, { minor }) => {
    if (minor >= 25 && isWindowsPod(pod)) return [];
    const value = asRecord(container.container.securityContext)?.allowPrivilegeEscalation;
    if (value === false) return [];
    const message =
      value === true
        ? `container "${container.name}" explicitly allows privilege escalation`
        : `container "${container.name}" does not set allowPrivilegeEscalation: false, so it defaults to true`;
    return [at('securityContext/allowPrivilegeEscalation', message, { found: value === undefined || value === null ? null : String(value), expected: 'false' })];
  },
  fix: ({ container }) => setContainerSecurityField(container, 'allowPrivilegeEscalation', false),
  vap: workloadVap([{ expression: `${WINDOWS_POD} || ${everyContainer(isValue('c', 'securityContext.allowPrivilegeEscalation', 'false'))}`, message: 'a container does not set securityContext.allowPrivilegeEscalation: false' }], 'Pod Security version latest (Windows pods exempt)'),
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
  name: worker
spec:
  selector:
    matchLabels: {app: worker}
  template:
    metadata:
      labels: {app: worker}
    spec:
      containers:
        - name: worker
          image: registry.example.com/worker:1.0.4
          securityContext:
            allowPrivilegeEscalation: true
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      securityContext:
        allowPrivilegeEscalation: false
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: win-web
spec:
  os:
    name: windows
  containers:
    - name: iis
      image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022
`,
    ],
  },
});
