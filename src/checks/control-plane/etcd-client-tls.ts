import { defineCheck, type Issue } from '../define.js';
import { forCis, flagIssue, requireBool, requireFlags } from '../shared/component-flags.js';
import { HARDENED_ETCD, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'etcd-client-tls',
  title: 'etcd serves clients without TLS, without client certificates, or with self-signed certificates',
  severity: 'critical',
  category: 'control-plane',
  description:
    'etcd holds the whole cluster state, Secrets included. Without `--cert-file`/`--key-file` clients talk to it in clear text; without `--client-cert-auth=true` any client that reaches port 2379 reads and writes everything; `--auto-tls=true` makes it use a self-signed certificate nobody can verify.',
  remediation: 'Set `--cert-file`, `--key-file`, `--client-cert-auth=true` and `--trusted-ca-file` on etcd, and remove `--auto-tls=true`.',
  frameworks: { cis: ['2.1', '2.2', '2.3'], nsa: ['network/encryption'], mitre: ['T1552'], owasp: ['K09'] },
  subject: 'component',
  component: 'etcd',
  run: (ctx) => {
    const out: Issue[] = [
      ...forCis(['2.1'], requireFlags(ctx, ['cert-file', 'key-file'], 'clients talk to etcd in clear text')),
      ...forCis(['2.2'], requireBool(ctx, 'client-cert-auth', true, false, 'any client that reaches etcd may read and write every object')),
    ];
    if (ctx.component.flags.bool('auto-tls') === true) out.push({ ...flagIssue(ctx, 'auto-tls', 'etcd serves a self-signed certificate (--auto-tls)', { found: 'true', expected: 'false or unset' }), cis: ['2.3'] });
    return out;
  },
  examples: {
    fail: [
      { yaml: staticPod('etcd', withFlags(HARDENED_ETCD, ['client-cert-auth'])), path: '/spec/containers/0/command' },
      staticPod('etcd', [...HARDENED_ETCD, '--auto-tls=true']),
      { yaml: staticPod('etcd', withFlags(HARDENED_ETCD, ['cert-file', 'key-file'])), findings: 2 },
    ],
    pass: [staticPod('etcd', HARDENED_ETCD)],
  },
});
