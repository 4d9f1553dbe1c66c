import { defineCheck } from '../define.js';
import { asNumber, HARDENED_KUBELET, judgeSetting, kubeletConfig, kubeletProcess } from '../shared/kubelet-setting.js';

export default defineCheck({
  id: 'kubelet-read-only-port',
  title: 'Kubelet serves its read-only port',
  severity: 'medium',
  category: 'node',
  description: 'The read-only port (10255 by the flag\'s default) serves pod specs, environment and metrics without any authentication or authorization to whoever reaches the node.',
  remediation: 'Set `readOnlyPort: 0` in the kubelet configuration file (or `--read-only-port=0`).',
  frameworks: { cis: ['4.2.4'], nsa: ['network/worker-node-segmentation'], mitre: ['T1613'], owasp: ['K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => judgeSetting(ctx, { flag: 'read-only-port', field: ['readOnlyPort'], defaults: { config: 0, flags: 10255 } },
    (v) => asNumber(v) !== 0, 'pod data is served without authentication', '0'),
  examples: {
    fail: [
      { yaml: kubeletConfig('readOnlyPort: 10255\n'), path: '/readOnlyPort', line: 3, column: 1 },
      { yaml: `${kubeletProcess(['--config=example.yaml', '--read-only-port=10255'])}---\n${kubeletConfig(HARDENED_KUBELET)}`, path: '/spec/args/2' },
    ],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletConfig('authorization:\n  mode: Webhook\n')],
  },
});
