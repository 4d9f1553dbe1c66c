import { defineCheck } from '../define.js';
import { forCis, requireFlags } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-etcd-tls',
  title: 'API server reaches etcd without a client certificate or without verifying it',
  severity: 'high',
  category: 'control-plane',
  description:
    'etcd holds every object of the cluster, Secrets included. The API server must authenticate to it with a client certificate (`--etcd-certfile`, `--etcd-keyfile`) and verify it with `--etcd-cafile`; otherwise etcd has to accept unauthenticated clients or the connection can be intercepted.',
  remediation: 'Set `--etcd-certfile`, `--etcd-keyfile` and `--etcd-cafile` on kube-apiserver, and `--client-cert-auth=true` on etcd.',
  frameworks: { cis: ['1.2.23', '1.2.26'], nsa: ['network/encryption'], mitre: ['T1557'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => [
    ...forCis(['1.2.23'], requireFlags(ctx, ['etcd-certfile', 'etcd-keyfile'], 'the API server has no client certificate for etcd')),
    ...forCis(['1.2.26'], requireFlags(ctx, ['etcd-cafile'], 'etcd\'s certificate is not verified')),
  ],
  examples: {
    fail: [
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['etcd-cafile'])),
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['etcd-certfile', 'etcd-keyfile'])), findings: 2 },
    ],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  },
});
