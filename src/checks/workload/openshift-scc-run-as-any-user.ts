import { asRecord } from '../../model/object.js';
import { defineCheck } from '../define.js';
import { judgedScc, sccLabel } from '../shared/openshift-scc.js';

export default defineCheck({
  id: 'openshift-scc-run-as-any-user',
  title: 'OpenShift SecurityContextConstraints let pods run as any UID, root included',
  severity: 'medium',
  category: 'workload',
  description:
    'OpenShift\'s defence against root containers is that the `restricted-v2` SCC assigns each namespace a range of ' +
    'high UIDs (`runAsUser.type: MustRunAsRange`). An SCC with `runAsUser.type: RunAsAny` lets pods run as any UID, ' +
    'root (0) included, so a container escape starts as root on the node\'s files. OpenShift\'s built-in ' +
    '`anyuid` and `privileged` SCCs as a cluster returns them are not reported.',
  remediation: 'Use `runAsUser.type: MustRunAsRange` (or `MustRunAsNonRoot` when the image needs a fixed non-root UID).',
  frameworks: {
    cis: ['5.2.7'],
    nsa: ['pod-security/non-root', 'pod-security/enforcement'],
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  subject: 'object',
  kinds: ['SecurityContextConstraints'],
  run: ({ object, at }) => {
    if (!judgedScc(object) || asRecord(object.raw.runAsUser)?.type !== 'RunAsAny') return [];
    return [at('runAsUser/type', `${sccLabel(object)} lets pods run as any UID, root included (runAsUser.type: RunAsAny)`, { found: 'RunAsAny', expected: 'MustRunAsRange or MustRunAsNonRoot' })];
  },
  examples: {
    fail: [
      {
        yaml: `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: legacy-apps
allowPrivilegedContainer: false
runAsUser:
  type: RunAsAny
seLinuxContext: {type: MustRunAs}
groups: [system:authenticated]
`,
        path: '/runAsUser/type',
        line: 7,
      },
    ],
    pass: [
      `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app
allowPrivilegedContainer: false
runAsUser:
  type: MustRunAsNonRoot
seLinuxContext: {type: MustRunAs}
`,
    ],
  },
});
