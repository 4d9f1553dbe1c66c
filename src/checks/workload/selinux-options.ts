import { definePssCheck } from '../shared/pss-check.js';
import { PSS_LATEST_MINOR } from '../../frameworks/pss.js';
import type { Issue } from '../define.js';
import { containersOf } from '../../model/containers.js';
import { asRecord } from '../../model/object.js';
import { POD_SC, everyContainer, isSet, list, workloadVap } from '../shared/vap.js';

/** SELinux types Pod Security Admission allows, by the policy version that added them. */
const TYPES_BY_VERSION: { since: number; types: string[] }[] = [
  { since: 0, types: ['', 'container_t', 'container_init_t', 'container_kvm_t'] },
  { since: 31, types: ['container_engine_t'] },
];

export function allowedSeLinuxTypes(minor: number): Set<string> {
  return new Set(TYPES_BY_VERSION.filter((v) => v.since <= minor).flatMap((v) => v.types));
}

/** CEL: the seLinuxOptions at `at` (present when `present`) have an allowed type (latest policy) and no user or role. */
function seLinuxOk(at: string, present: string): string {
  const empty = (k: string) => `(!has(${at}.${k}) || ${at}.${k} == '')`;
  return `(!(${present}) || ((!has(${at}.type) || ${at}.type in ${list(allowedSeLinuxTypes(PSS_LATEST_MINOR))}) && ${empty('user')} && ${empty('role')}))`;
}

export default definePssCheck({
  id: 'selinux-options',
  title: 'Pod sets a custom SELinux user, role or type',
  severity: 'medium',
  category: 'workload',
  description:
    '`seLinuxOptions` can give a container an SELinux type other than the confined container types ' +
    '(for example `spc_t`, the unconfined "super privileged container" type) or a custom SELinux user or role. ' +
    'Either lifts the label-based isolation that keeps a container from the host\'s and other containers\' files.',
  remediation:
    'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and leave `type` unset or use container_t, ' +
    'container_init_t, container_kvm_t (or container_engine_t from policy v1.31). Setting only `level` is allowed.',
  frameworks: {
    nsa: ['pod-security/container-environments'],
    pss: { level: 'baseline', control: 'seLinuxOptions' },
    mitre: ['T1611'],
    owasp: ['K01'],
  },
  aliases: { trivy: ['KSV025'] },
  subject: 'pod',
  pssVersions: [
    { since: 0, change: 'type "", container_t, container_init_t or container_kvm_t; user and role unset (pod and every container)' },
    { since: 31, change: 'container_engine_t allowed' },
  ],
  evaluate: ({ pod, at }, { minor }) => {
    const allowed = allowedSeLinuxTypes(minor);
    const out: Issue[] = [];
    const judge = (sc: unknown, rel: string, who: string) => {
      const opts = asRecord(asRecord(sc)?.seLinuxOptions);
      if (!opts) return;
      const type = opts.type;
      if (type !== undefined && type !== null && !(typeof type === 'string' && allowed.has(type))) {
        out.push(at(`${rel}securityContext/seLinuxOptions/type`, `${who} sets SELinux type ${JSON.stringify(type)}`, { found: String(type), expected: [...allowed].filter(Boolean).join(', ') + ' or unset' }));
      }
      for (const key of ['user', 'role'] as const) {
        const v = opts[key];
        if (v === undefined || v === null || v === '') continue;
        out.push(at(`${rel}securityContext/seLinuxOptions/${key}`, `${who} sets SELinux ${key} ${JSON.stringify(v)}`, { found: String(v), expected: 'unset' }));
      }
    };
    judge(pod.spec.securityContext, '', 'the pod');
    for (const c of containersOf(pod)) judge(c.container.securityContext, c.path.slice(pod.path.length + 1) + '/', `container "${c.name}"`);
    return out;
  },
  vap: workloadVap([{ expression: `${seLinuxOk(`${POD_SC}.seLinuxOptions`, `has(${POD_SC}.seLinuxOptions)`)} && ${everyContainer(seLinuxOk('c.securityContext.seLinuxOptions', isSet('c', 'securityContext.seLinuxOptions')))}`, message: 'the pod or a container sets an SELinux type outside the allowed set, or an SELinux user or role' }], 'Pod Security version latest (its SELinux types)'),
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: node-tool
spec:
  securityContext:
    seLinuxOptions:
      type: spc_t
  containers:
    - name: tool
      image: registry.example.com/node-tool:2.0.0
`,
      `apiVersion: v1
kind: Pod
metadata:
  name: custom-user
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0.0
      securityContext:
        seLinuxOptions:
          user: system_u
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seLinuxOptions:
      type: container_t
      level: "s0:c123,c456"
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
  },
});
