import { defineCheck } from '../define.js';
import { asBool, HARDENED_KUBELET, judgeSetting, kubeletConfig, kubeletProcess } from '../shared/kubelet-setting.js';

export default defineCheck({
  id: 'kubelet-anonymous-auth',
  title: 'Kubelet serves anonymous requests',
  severity: 'high',
  category: 'node',
  description:
    'With anonymous authentication on, a request to the kubelet API (port 10250) without credentials is served as system:anonymous; with a permissive authorization mode that means listing pods, reading logs and running commands in every container of the node. The flag\'s default is on; a configuration file\'s default is off.',
  remediation: 'Set `authentication.anonymous.enabled: false` in the kubelet configuration file (and remove `--anonymous-auth=true`).',
  frameworks: { cis: ['4.2.1'], nsa: ['authn-authz/authentication'], mitre: ['T1133'], owasp: ['K06', 'K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => judgeSetting(ctx, { flag: 'anonymous-auth', field: ['authentication', 'anonymous', 'enabled'], defaults: { config: false, flags: true } },
    (v) => asBool(v) !== false, 'requests without credentials reach the kubelet API', 'false'),
  examples: {
    fail: [
      { yaml: kubeletConfig('authentication:\n  anonymous:\n    enabled: true\nauthorization:\n  mode: Webhook\n'), path: '/authentication/anonymous/enabled', line: 5 },
      kubeletProcess(['--kubeconfig=/etc/kubernetes/kubelet.conf']),
      { yaml: `${kubeletProcess(['--config=example.yaml', '--anonymous-auth=true'])}---\n${kubeletConfig(HARDENED_KUBELET)}`, path: '/spec/args/2' },
    ],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletConfig('authorization:\n  mode: Webhook\n'), kubeletProcess(['--anonymous-auth=false'])],
  },
});
