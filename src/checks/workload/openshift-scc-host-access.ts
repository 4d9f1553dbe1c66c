import { defineCheck, type Issue } from '../define.js';
import { judgedScc, sccLabel } from '../shared/openshift-scc.js';

/** The SCC fields that open a host namespace or the node's filesystem, and what each admits. */
const HOST_FIELDS: readonly [field: string, admits: string][] = [
  ['allowHostNetwork', 'the host network namespace (hostNetwork)'],
  ['allowHostPID', 'the host PID namespace (hostPID)'],
  ['allowHostIPC', 'the host IPC namespace (hostIPC)'],
  ['allowHostPorts', 'host ports (hostPort)'],
  ['allowHostDirVolumePlugin', 'hostPath volumes (the node\'s filesystem)'],
];

export default defineCheck({
  id: 'openshift-scc-host-access',
  title: 'OpenShift SecurityContextConstraints allow host namespaces, ports or paths',
  severity: 'high',
  category: 'workload',
  description:
    'A SecurityContextConstraints object with `allowHostNetwork`, `allowHostPID`, `allowHostIPC`, ' +
    '`allowHostPorts` or `allowHostDirVolumePlugin` set to true admits pods that share the node\'s network, ' +
    'processes or IPC, bind its ports, or mount its files, for everyone who may use the SCC: each is a step ' +
    'from a container to the node. One finding per field. OpenShift\'s built-in SCCs as a cluster returns them ' +
    '(`hostaccess`, `hostnetwork`, `node-exporter`, `privileged`, ...) are not reported.',
  remediation: 'Set these fields to false; give the few node agents that need host access a dedicated SCC, usable only by their service accounts.',
  frameworks: {
    cis: ['5.2.3', '5.2.4', '5.2.5', '5.2.11', '5.2.12'],
    nsa: ['pod-security/enforcement'],
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  subject: 'object',
  kinds: ['SecurityContextConstraints'],
  run: ({ object, at }) => {
    if (!judgedScc(object)) return [];
    const out: Issue[] = [];
    for (const [field, admits] of HOST_FIELDS) {
      if (object.raw[field] === true) out.push(at(field, `${sccLabel(object)} allows ${admits}`, { found: `${field}: true`, expected: 'false' }));
    }
    return out;
  },
  fix: ({ object }) => HOST_FIELDS.filter(([f]) => object.raw[f] === true).map(([f]) => ({ op: 'replace' as const, path: `/${f}`, value: false })),
  examples: {
    fail: [
      {
        yaml: `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: monitoring-agent
allowHostNetwork: true
allowHostPID: true
allowHostIPC: false
allowHostPorts: true
allowHostDirVolumePlugin: true
allowPrivilegedContainer: false
runAsUser: {type: MustRunAsRange}
seLinuxContext: {type: MustRunAs}
`,
        findings: 4,
        path: '/allowHostNetwork',
      },
    ],
    pass: [
      `apiVersion: security.openshift.io/v1
kind: SecurityContextConstraints
metadata:
  name: app
allowHostNetwork: false
allowHostPID: false
allowHostIPC: false
allowHostPorts: false
allowHostDirVolumePlugin: false
allowPrivilegedContainer: false
runAsUser: {type: MustRunAsRange}
seLinuxContext: {type: MustRunAs}
`,
    ],
  },
});
