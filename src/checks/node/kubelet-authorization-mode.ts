import { defineCheck } from '../define.js';
import { HARDENED_KUBELET, judgeSetting, kubeletConfig, kubeletProcess } from '../shared/kubelet-setting.js';

export default defineCheck({
  id: 'kubelet-authorization-mode',
  title: 'Kubelet authorizes every request',
  severity: 'high',
  category: 'node',
  description:
    'With authorization mode AlwaysAllow (the flag\'s default), any client the kubelet authenticates may use its whole API: exec into containers, read logs and secrets mounted in pods. Webhook mode asks the API server (SubjectAccessReview) instead.',
  remediation: 'Set `authorization.mode: Webhook` in the kubelet configuration file (with `authentication.webhook.enabled: true`).',
  frameworks: { cis: ['4.2.2'], nsa: ['authn-authz/rbac'], mitre: ['T1609'], owasp: ['K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => judgeSetting(ctx, { flag: 'authorization-mode', field: ['authorization', 'mode'], defaults: { config: 'Webhook', flags: 'AlwaysAllow' } },
    (v) => v !== 'Webhook', 'requests to the kubelet API are not authorized by the API server', 'Webhook'),
  examples: {
    fail: [
      { yaml: kubeletConfig('authorization:\n  mode: AlwaysAllow\n'), path: '/authorization/mode' },
      kubeletProcess(['--kubeconfig=/etc/kubernetes/kubelet.conf']),
    ],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletProcess(['--authorization-mode', 'Webhook'])],
  },
});
