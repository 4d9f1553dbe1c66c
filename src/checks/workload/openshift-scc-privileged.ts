import { defineCheck } from '../define.js';
import { judgedScc, sccLabel } from '../shared/openshift-scc.js';

export default defineCheck({
  id: 'openshift-scc-privileged',
  title: 'OpenShift SecurityContextConstraints allow privileged containers',
  severity: 'high',
  category: 'workload',
  description:
    'On OpenShift, SecurityContextConstraints (security.openshift.io/v1) decide what pods may ask for. One with ' +
    '`allowPrivilegedContainer: true` admits privileged containers (every device, every capability, no ' +
    'seccomp or SELinux confinement: root on the node) for every user, group and service account that may use it. ' +
    'OpenShift\'s own built-in `privileged` SCC, as a cluster returns it, is not reported; a copy in manifests is.',
  remediation:
    'Set `allowPrivilegedContainer: false` (start from `restricted-v2`); keep privileged workloads on the built-in ' +
    '`privileged` SCC and grant its `use` only to the few node agents that need it.',
  frameworks: {
    cis: ['5.2.2'],
    nsa: ['pod-security/enforcement'],
    mitre: ['T1611', 'T1610'],
    owasp: ['K01'],
  },
  subject: 'object',
  kinds: ['SecurityContextConstraints'],
  run: ({ object, at }) => {
    if (!judgedScc(object) || object.raw.allowPrivilegedContainer !== true) return [];
    return [at('allowPrivilegedContainer', `${sccLabel(object)} allows privileged containers`, { found: 'allowPrivilegedContainer: true', expected: 'false' })];
  },
  fix: () => [{ op: 'replace', path: '/allowPrivilegedContainer', value: false }],
  examples: {
    fail: [
      {
        yaml: `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: team-debug
allowPrivilegedContainer: true
runAsUser: {type: MustRunAsRange}
seLinuxContext: {type: MustRunAs}
users: [system:serviceaccount:team:debugger]
`,
        path: '/allowPrivilegedContainer',
        line: 5,
      },
    ],
    pass: [
      `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: team-restricted
allowPrivilegedContainer: false
runAsUser: {type: MustRunAsRange}
seLinuxContext: {type: MustRunAs}
---
apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: privileged
  annotations:
    include.release.openshift.io/self-managed-high-availability: "true"
allowPrivilegedContainer: true
runAsUser: {type: RunAsAny}
seLinuxContext: {type: RunAsAny}
`,
    ],
  },
});
