import { defineCheck } from '../define.js';
import { HARDENED_KUBELET, judgeSetting, kubeletConfig, kubeletProcess } from '../shared/kubelet-setting.js';

/** A Go duration that is zero: "0", "0s", "0m0s", "0h0m0s". */
const isZero = (v: unknown) => (typeof v === 'number' ? v === 0 : typeof v === 'string' && /^0+(\.0+)?(ns|us|µs|ms|s|m|h)?(0+(\.0+)?(ns|us|µs|ms|s|m|h))*$/.test(v.trim()));

export default defineCheck({
  id: 'kubelet-streaming-idle-timeout',
  title: 'Kubelet never closes idle exec, attach and port-forward streams',
  severity: 'low',
  category: 'node',
  description: 'With `streamingConnectionIdleTimeout` 0, idle exec, attach and port-forward connections stay open for ever: forgotten sessions stay usable and the node can run out of connections.',
  remediation: 'Set `streamingConnectionIdleTimeout` to a duration such as 5m (the default is 4h) in the kubelet configuration file.',
  frameworks: { cis: ['4.2.5'], owasp: ['K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => judgeSetting(ctx, { flag: 'streaming-connection-idle-timeout', field: ['streamingConnectionIdleTimeout'], defaults: { config: '4h0m0s', flags: '4h0m0s' } },
    isZero, 'idle streaming connections never time out', 'a non-zero duration, e.g. 5m'),
  examples: {
    fail: [kubeletConfig('streamingConnectionIdleTimeout: 0s\n'), kubeletProcess(['--streaming-connection-idle-timeout=0'])],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletConfig('streamingConnectionIdleTimeout: 10m\n')],
  },
});
