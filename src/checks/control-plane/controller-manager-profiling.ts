import { defineCheck } from '../define.js';
import { requireBool } from '../shared/component-flags.js';
import { HARDENED_CONTROLLER_MANAGER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'controller-manager-profiling',
  title: 'Controller manager serves profiling data',
  severity: 'low',
  category: 'control-plane',
  description: 'With profiling on (the default), /debug/pprof of kube-controller-manager exposes its internals to whoever can reach the port.',
  remediation: 'Set `--profiling=false` on kube-controller-manager.',
  frameworks: { cis: ['1.3.2'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-controller-manager',
  run: (ctx) => requireBool(ctx, 'profiling', false, true, 'profiling endpoints are served'),
  examples: {
    fail: [staticPod('kube-controller-manager', withFlags(HARDENED_CONTROLLER_MANAGER, ['profiling']))],
    pass: [staticPod('kube-controller-manager', HARDENED_CONTROLLER_MANAGER)],
  },
});
