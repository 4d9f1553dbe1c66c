import { defineCheck } from '../define.js';
import { requireLoopbackBind } from '../shared/component-flags.js';
import { HARDENED_SCHEDULER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'scheduler-bind-address',
  title: 'Scheduler listens on every interface',
  severity: 'low',
  category: 'control-plane',
  description: 'kube-scheduler serves health, metrics and (unless disabled) profiling on port 10259. Without `--bind-address=127.0.0.1` (the default is 0.0.0.0) that port is reachable from the network.',
  remediation: 'Set `--bind-address=127.0.0.1` on kube-scheduler.',
  frameworks: { cis: ['1.4.2'], nsa: ['network/control-plane'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-scheduler',
  run: (ctx) => requireLoopbackBind(ctx, 'its secure port is reachable from the network'),
  examples: {
    fail: [staticPod('kube-scheduler', withFlags(HARDENED_SCHEDULER, ['bind-address']))],
    pass: [staticPod('kube-scheduler', HARDENED_SCHEDULER), staticPod('kube-scheduler', withFlags(HARDENED_SCHEDULER, ['bind-address'], ['--bind-address', '127.0.0.1']))],
  },
});
