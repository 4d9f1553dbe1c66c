import { defineCheck } from '../define.js';
import { asBool, HARDENED_KUBELET, judgeSetting, kubeletConfig } from '../shared/kubelet-setting.js';

export default defineCheck({
  id: 'kubelet-iptables-util-chains',
  title: 'Kubelet does not manage its iptables chains',
  severity: 'low',
  category: 'node',
  description: 'With `makeIPTablesUtilChains: false` the kubelet stops keeping the iptables chains it relies on, so pod networking and the rules that drop martian traffic can drift from what the kubelet expects.',
  remediation: 'Remove `makeIPTablesUtilChains: false` from the kubelet configuration (the default is true).',
  frameworks: { cis: ['4.2.6'], owasp: ['K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => judgeSetting(ctx, { flag: 'make-iptables-util-chains', field: ['makeIPTablesUtilChains'], defaults: { config: true, flags: true } },
    (v) => asBool(v) === false, 'the kubelet does not manage its iptables chains', 'true'),
  examples: {
    fail: [kubeletConfig('makeIPTablesUtilChains: false\n')],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletConfig('readOnlyPort: 0\n')],
  },
});
