import { defineCheck } from '../define.js';
import { forCis, requireFlags } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-kubelet-client-tls',
  title: 'API server talks to kubelets without a client certificate or without verifying them',
  severity: 'high',
  category: 'control-plane',
  description:
    'Without `--kubelet-client-certificate` and `--kubelet-client-key` the API server cannot authenticate to kubelets (which must then accept anonymous or weakly authenticated requests); without `--kubelet-certificate-authority` it does not verify the kubelet it sends exec, logs and port-forward traffic to, so a machine in the middle can read or change it.',
  remediation: 'Set `--kubelet-client-certificate`, `--kubelet-client-key` and `--kubelet-certificate-authority` on kube-apiserver (kubeadm creates apiserver-kubelet-client.crt; kubelet serving certificates signed by the cluster CA need serverTLSBootstrap).',
  frameworks: { cis: ['1.2.4', '1.2.5'], nsa: ['authn-authz/authentication'], mitre: ['T1557'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => [
    ...forCis(['1.2.4'], requireFlags(ctx, ['kubelet-client-certificate', 'kubelet-client-key'], 'the API server has no client certificate for kubelets')),
    ...forCis(['1.2.5'], requireFlags(ctx, ['kubelet-certificate-authority'], 'kubelet serving certificates are not verified')),
  ],
  examples: {
    fail: [
      staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['kubelet-certificate-authority'])),
      { yaml: staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['kubelet-client-certificate', 'kubelet-client-key'])), findings: 2 },
    ],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  },
});
