import { definePssCheck } from '../shared/pss-check.js';
import type { Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';
import { isWindowsPod } from '../shared/windows.js';
import { BASELINE_CAPABILITIES } from './capabilities-added.js';
import { WINDOWS_POD, everyContainer, isSet, list, workloadVap } from '../shared/vap.js';

export default definePssCheck({
  id: 'capabilities-drop-all',
  title: 'Container does not drop all capabilities',
  severity: 'medium',
  category: 'workload',
  description:
    'Without `capabilities.drop: ["ALL"]` a container keeps the runtime\'s default capability set (CHOWN, ' +
    'DAC_OVERRIDE, FOWNER, SETUID, SETGID, NET_RAW, ...), far more than most processes need; NET_RAW alone allows ' +
    'packet spoofing inside the cluster network. The restricted level requires dropping ALL and adding back at ' +
    'most NET_BIND_SERVICE.',
  remediation: 'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only NET_BIND_SERVICE if the process binds a port below 1024.',
  frameworks: {
    cis: ['5.2.9'],
    nsa: ['pod-security/enforcement'],
    pss: { level: 'restricted', control: 'capabilities_restricted' },
    mitre: ['T1611', 'T1068'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV003'] },
  implies: ['net-raw-not-dropped'],
  subject: 'container',
  pssVersions: [
    { since: 22, change: 'capabilities.drop must contain ALL and capabilities.add at most NET_BIND_SERVICE (replaces capabilities_baseline at restricted)' },
    { since: 25, change: 'Windows pods (spec.os.name: windows) are exempt' },
  ],
  evaluate: ({ container, pod, at }, { minor, full }) => {
    if (minor >= 25 && isWindowsPod(pod)) return [];
    const out: Issue[] = [];
    const caps = asRecord(asRecord(container.container.securityContext)?.capabilities);
    if (!asArray(caps?.drop).includes('ALL')) {
      out.push(at('securityContext/capabilities/drop', `container "${container.name}" does not drop ALL capabilities`, { found: null, expected: 'drop: ["ALL"]' }));
    }
    asArray(caps?.add).forEach((cap, i) => {
      if (cap === 'NET_BIND_SERVICE') return;
      // When both levels are judged at once, capabilities-added reports what the baseline forbids too.
      if (!full && !(typeof cap === 'string' && BASELINE_CAPABILITIES.has(cap))) return;
      out.push(at(`securityContext/capabilities/add/${i}`, `container "${container.name}" adds capability ${String(cap)}: the restricted level allows only NET_BIND_SERVICE`, { found: String(cap), expected: 'NET_BIND_SERVICE only' }));
    });
    return out;
  },
  vap: workloadVap([{ expression: `${WINDOWS_POD} || ${everyContainer(`${isSet('c', 'securityContext.capabilities.drop')} && 'ALL' in c.securityContext.capabilities.drop && (!has(c.securityContext.capabilities.add) || c.securityContext.capabilities.add.all(a, a == 'NET_BIND_SERVICE' || !(a in ${list(BASELINE_CAPABILITIES)})))`)}`, message: 'a container does not drop ALL capabilities, or adds one other than NET_BIND_SERVICE' }], 'Pod Security version latest; added capabilities outside the baseline set are capabilities-added\'s policy'),
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
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
      securityContext:
        capabilities:
          drop: ["ALL"]
          add: ["NET_BIND_SERVICE", "CHOWN"]
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
        capabilities:
          drop: ["ALL"]
          add: ["NET_BIND_SERVICE"]
`,
    ],
  },
});
