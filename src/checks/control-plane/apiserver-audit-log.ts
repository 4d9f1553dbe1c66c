import { defineCheck, type Issue } from '../define.js';
import { forCis, requireAtLeast, requireFlags } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-audit-log',
  title: 'API server audit logging is off, has no policy, or keeps too little',
  severity: 'medium',
  category: 'control-plane',
  description:
    'Without `--audit-log-path` (or an audit webhook) and `--audit-policy-file` the API server records nothing of who did what, and an intrusion cannot be reconstructed. With a log, `--audit-log-maxage`, `--audit-log-maxbackup` and `--audit-log-maxsize` decide how much history survives rotation.',
  remediation: 'Set `--audit-policy-file` and `--audit-log-path`, with `--audit-log-maxage=30`, `--audit-log-maxbackup=10` and `--audit-log-maxsize=100` or more (or ship the log off the node).',
  frameworks: { cis: ['1.2.16', '1.2.17', '1.2.18', '1.2.19', '3.2.1'], nsa: ['logging/audit'], mitre: ['T1562.001'], owasp: ['K05'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => {
    const flags = ctx.component.flags;
    const out: Issue[] = [...forCis(['3.2.1'], requireFlags(ctx, ['audit-policy-file'], 'no audit policy: nothing is audited'))];
    const path = flags.last('audit-log-path')?.value;
    if (!path) {
      // A webhook backend alone is an audit trail too; CIS asks for the log file.
      out.push(...forCis(['1.2.16', '1.2.17', '1.2.18', '1.2.19'], requireFlags(ctx, ['audit-log-path'], flags.has('audit-webhook-config-file') ? 'audit events go only to the webhook' : 'no audit log is written')));
      return out;
    }
    if (path === '-') return out; // stdout: rotation is the container runtime's
    out.push(...forCis(['1.2.17'], requireAtLeast(ctx, 'audit-log-maxage', 30, 0, 'audit history is kept less than 30 days')));
    out.push(...forCis(['1.2.18'], requireAtLeast(ctx, 'audit-log-maxbackup', 10, 0, 'fewer than 10 rotated audit logs are kept')));
    out.push(...forCis(['1.2.19'], requireAtLeast(ctx, 'audit-log-maxsize', 100, 100, 'audit logs rotate before 100 MB')));
    return out;
  },
  examples: {
    fail: [
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['audit-log-path', 'audit-log-maxage', 'audit-log-maxbackup', 'audit-log-maxsize'])), path: '/spec/containers/0/command' },
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['audit-policy-file'])),
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['audit-log-maxage', 'audit-log-maxbackup'], ['--audit-log-maxage=7'])), findings: 2 },
    ],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  },
});
