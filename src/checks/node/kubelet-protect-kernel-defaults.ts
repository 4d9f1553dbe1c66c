import { defineCheck } from '../define.js';
import { asBool, HARDENED_KUBELET, judgeSetting, kubeletConfig, kubeletProcess } from '../shared/kubelet-setting.js';

export default defineCheck({
  id: 'kubelet-protect-kernel-defaults',
  title: 'Kubelet tunes kernel settings instead of requiring them',
  severity: 'low',
  category: 'node',
  description:
    'Without `protectKernelDefaults: true` (off unless set) the kubelet silently changes kernel parameters (vm.overcommit_memory, kernel.panic …) it wants, overriding the node\'s hardening; with it the kubelet refuses to start when they differ. Earlier CIS benchmarks (up to v1.6, control 4.2.6) required it.',
  remediation: 'Set the kernel parameters the kubelet expects in /etc/sysctl.d, then `protectKernelDefaults: true` in the kubelet configuration.',
  frameworks: { owasp: ['K09'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => judgeSetting(ctx, { flag: 'protect-kernel-defaults', field: ['protectKernelDefaults'], defaults: { config: false, flags: false } },
    (v) => asBool(v) !== true, 'the kubelet may change kernel parameters of the node', 'true'),
  examples: {
    fail: [kubeletConfig('readOnlyPort: 0\n'), kubeletProcess(['--protect-kernel-defaults=false'])],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletProcess(['--protect-kernel-defaults'])],
  },
});
