import { defineCheck } from '../define.js';
import { requireLoopbackBind } from '../shared/component-flags.js';
import { HARDENED_CONTROLLER_MANAGER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'controller-manager-bind-address',
  title: 'Controller manager listens on every interface',
  severity: 'low',
  category: 'control-plane',
  description: 'kube-controller-manager serves health, metrics and (unless disabled) profiling on port 10257. Without `--bind-address=127.0.0.1` (the default is 0.0.0.0) that port is reachable from the network.',
  remediation: 'Set `--bind-address=127.0.0.1` on kube-controller-manager.',
  frameworks: { cis: ['1.3.7'], nsa: ['network/control-plane'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-controller-manager',
  run: (ctx) => requireLoopbackBind(ctx, 'its secure port is reachable from the network'),
  examples: {
    fail: [staticPod('kube-controller-manager', withFlags(HARDENED_CONTROLLER_MANAGER, ['bind-address'], ['--bind-address=0.0.0.0']))],
    pass: [staticPod('kube-controller-manager', HARDENED_CONTROLLER_MANAGER)],
  },
});
