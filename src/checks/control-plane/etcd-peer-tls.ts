import { defineCheck, type Issue } from '../define.js';
import { forCis, flagIssue, requireBool, requireFlags } from '../shared/component-flags.js';
import { HARDENED_ETCD, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'etcd-peer-tls',
  title: 'etcd members talk to each other without TLS, without certificates, or with self-signed ones',
  severity: 'high',
  category: 'control-plane',
  description:
    'etcd members replicate every write to each other on port 2380. Without `--peer-cert-file`/`--peer-key-file` that traffic is clear text, without `--peer-client-cert-auth=true` any machine can join as a peer, and `--peer-auto-tls=true` uses self-signed certificates. A single-member etcd is judged too: adding a member later must not open the cluster.',
  remediation: 'Set `--peer-cert-file`, `--peer-key-file`, `--peer-client-cert-auth=true` and `--peer-trusted-ca-file` on etcd, and remove `--peer-auto-tls=true`.',
  frameworks: { cis: ['2.4', '2.5', '2.6'], nsa: ['network/encryption'], owasp: ['K09'] },
  subject: 'component',
  component: 'etcd',
  run: (ctx) => {
    const out: Issue[] = [
      ...forCis(['2.4'], requireFlags(ctx, ['peer-cert-file', 'peer-key-file'], 'etcd members replicate in clear text')),
      ...forCis(['2.5'], requireBool(ctx, 'peer-client-cert-auth', true, false, 'any machine may join as an etcd peer')),
    ];
    if (ctx.component.flags.bool('peer-auto-tls') === true) out.push({ ...flagIssue(ctx, 'peer-auto-tls', 'etcd peers use self-signed certificates (--peer-auto-tls)', { found: 'true', expected: 'false or unset' }), cis: ['2.6'] });
    return out;
  },
  examples: {
    fail: [
      staticPod('etcd', withFlags(HARDENED_ETCD, ['peer-client-cert-auth'], ['--peer-client-cert-auth=false'])),
      staticPod('etcd', [...HARDENED_ETCD, '--peer-auto-tls=true']),
    ],
    pass: [staticPod('etcd', HARDENED_ETCD)],
  },
});
