import { definePssCheck } from '../shared/pss-check.js';
import { asRecord } from '../../model/object.js';
import { setContainerSecurityField } from '../shared/security-context-patch.js';
import { everyContainer, isValue, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'privileged-container',
  title: 'Container runs privileged',
  severity: 'critical',
  category: 'workload',
  description:
    'A privileged container gets every Linux capability, all host devices and no seccomp or AppArmor confinement: ' +
    'it is root on the node in all but name. An attacker who gets code execution in it can mount the host disk, ' +
    'load kernel modules or write to /proc and escape to the node, then to every pod scheduled there.',
  remediation:
    'Remove `securityContext.privileged: true` (or set it to false). If the workload needs one specific privilege, ' +
    'add only that capability, or move the job to a dedicated, tightly controlled node pool.',
  frameworks: {
    cis: ['5.2.2'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'privileged' },
    mitre: ['T1611', 'T1610'],
    owasp: ['K01'],
  },
  aliases: {
    kubescape: ['C-0057'],
    trivy: ['KSV017'],
    kubeLinter: ['privileged-container'],
    polaris: ['runAsPrivileged'],
    checkov: ['CKV_K8S_16'],
  },
  // What privileged makes moot on the same container (containerd and CRI-O): seccomp is never applied ("privileged
  // containers always run as Unconfined", Kubernetes' seccomp docs); every capability is granted whatever is added or
  // dropped; no_new_privs is never set (the API server rejects allowPrivilegeEscalation: false with privileged: true);
  // masked and read-only /proc paths are cleared, so procMount changes nothing. Not folded: the user (runAsNonRoot,
  // runAsUser), readOnlyRootFilesystem and AppArmor (an explicit RuntimeDefault profile is still applied) keep their effect.
  implies: [
    'allow-privilege-escalation',
    'capabilities-drop-all',
    'capabilities-added',
    'dangerous-capabilities',
    'net-raw-not-dropped',
    'seccomp-profile-unset',
    'seccomp-profile-unconfined',
    'proc-mount-unmasked',
    'proc-mount-restricted',
  ],
  subject: 'container',
  pssVersions: [{ since: 0, change: 'privileged must be unset or false on every container, init and ephemeral container' }],
  evaluate: ({ container, at }) =>
    asRecord(container.container.securityContext)?.privileged === true
      ? [at('securityContext/privileged', `container "${container.name}" runs privileged: it has full access to the host`, { found: true, expected: 'false or unset' })]
      : [],
  fix: ({ container }) => setContainerSecurityField(container, 'privileged', false),
  vap: workloadVap([{ expression: everyContainer(`!${isValue('c', 'securityContext.privileged', 'true')}`), message: 'a container runs privileged (securityContext.privileged: true)' }]),
  examples: {
    fail: [
      { yaml: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`, path: '/spec/containers/0/securityContext/privileged', line: 10, column: 9 },
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
      initContainers:
        - name: setup
          image: registry.example.com/agent-setup:2.1.0
          securityContext:
            privileged: true
      containers:
        - name: agent
          image: registry.example.com/agent:2.1.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      securityContext:
        privileged: false
`,
    ],
  },
});
