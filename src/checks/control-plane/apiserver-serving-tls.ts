import { defineCheck } from '../define.js';
import { forCis, requireFlags } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-serving-tls',
  title: 'API server has no serving certificate or no client CA',
  severity: 'medium',
  category: 'control-plane',
  description:
    'Without `--tls-cert-file` and `--tls-private-key-file` the API server serves a self-signed certificate that clients cannot verify; without `--client-ca-file` it cannot authenticate clients by certificate, which kubelets and control-plane components rely on.',
  remediation: 'Set `--tls-cert-file`, `--tls-private-key-file` and `--client-ca-file` on kube-apiserver.',
  frameworks: { cis: ['1.2.24', '1.2.25'], nsa: ['network/encryption'], mitre: ['T1557'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => [
    ...forCis(['1.2.24'], requireFlags(ctx, ['tls-cert-file', 'tls-private-key-file'], 'the API server serves a self-signed certificate')),
    ...forCis(['1.2.25'], requireFlags(ctx, ['client-ca-file'], 'clients cannot authenticate with certificates')),
  ],
  examples: {
    fail: [
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['client-ca-file'])),
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['tls-cert-file', 'tls-private-key-file'])), findings: 2 },
    ],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  },
});
