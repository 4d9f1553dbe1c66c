import { defineCheck } from '../define.js';
import { HARDENED_KUBELET, judgeSetting, kubeletConfig, kubeletProcess } from '../shared/kubelet-setting.js';

export default defineCheck({
  id: 'kubelet-client-ca-file',
  title: 'Kubelet cannot authenticate clients by certificate',
  severity: 'medium',
  category: 'node',
  description: 'Without a client CA file the kubelet cannot verify the API server\'s client certificate, so it must either trust anonymous requests or refuse the API server\'s exec, logs and port-forward calls.',
  remediation: 'Set `authentication.x509.clientCAFile` in the kubelet configuration file to the cluster CA (e.g. /etc/kubernetes/pki/ca.crt).',
  frameworks: { cis: ['4.2.3'], nsa: ['authn-authz/authentication'], owasp: ['K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => judgeSetting(ctx, { flag: 'client-ca-file', field: ['authentication', 'x509', 'clientCAFile'], defaults: { config: '', flags: '' } },
    (v) => typeof v !== 'string' || v.trim() === '', 'client certificates are not verified', 'the cluster CA file'),
  examples: {
    fail: [kubeletConfig('authentication:\n  anonymous:\n    enabled: false\n'), kubeletProcess(['--anonymous-auth=false'])],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletProcess(['--client-ca-file=/etc/kubernetes/pki/ca.crt'])],
  },
});
