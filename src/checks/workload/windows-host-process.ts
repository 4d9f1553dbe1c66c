import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { containersOf } from '../../model/containers.js';
import { asRecord } from '../../model/object.js';
import { POD_SC, everyContainer, isValue, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'windows-host-process',
  title: 'Pod runs Windows HostProcess containers',
  severity: 'critical',
  category: 'workload',
  description:
    'A Windows HostProcess container (`windowsOptions.hostProcess: true`) runs directly on the Windows node as a ' +
    'host process, with the node\'s network and file system: the Windows equivalent of a privileged container.',
  remediation: 'Remove `windowsOptions.hostProcess: true` from the pod and its containers.',
  frameworks: {
    cis: ['5.2.10'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'baseline', control: 'windowsHostProcess' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV103'] },
  subject: 'pod',
  pssVersions: [{ since: 0, change: 'windowsOptions.hostProcess must be unset or false on the pod and every container' }],
  evaluate: ({ pod, at }) => {
    const out: Issue[] = [];
    const judge = (sc: unknown, rel: string, who: string) => {
      if (asRecord(asRecord(sc)?.windowsOptions)?.hostProcess !== true) return;
      out.push(at(`${rel}securityContext/windowsOptions/hostProcess`, `${who} sets windowsOptions.hostProcess: true`, { found: true, expected: 'false or unset' }));
    };
    judge(pod.spec.securityContext, '', 'the pod');
    for (const c of containersOf(pod)) judge(c.container.securityContext, c.path.slice(pod.path.length + 1) + '/', `container "${c.name}"`);
    return out;
  },
  vap: workloadVap([{ expression: `!${isValue(POD_SC, 'windowsOptions.hostProcess', 'true')} && ${everyContainer(`!${isValue('c', 'securityContext.windowsOptions.hostProcess', 'true')}`)}`, message: 'the pod or a container sets windowsOptions.hostProcess: true' }]),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: win-agent
spec:
  hostNetwork: true
  securityContext:
    windowsOptions:
      hostProcess: true
      runAsUserName: "NT AUTHORITY\\\\SYSTEM"
  containers:
    - name: agent
      image: registry.example.com/win-agent:1.0.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: win-app
spec:
  os:
    name: windows
  containers:
    - name: app
      image: registry.example.com/win-app:1.0.0
      securityContext:
        windowsOptions:
          hostProcess: false
`,
    ],
  },
});
