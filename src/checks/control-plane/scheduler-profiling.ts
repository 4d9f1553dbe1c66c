import { defineCheck } from '../define.js';
import { requireBool } from '../shared/component-flags.js';
import { HARDENED_SCHEDULER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'scheduler-profiling',
  title: 'Scheduler serves profiling data',
  severity: 'low',
  category: 'control-plane',
  description: 'With profiling on (the default), /debug/pprof of kube-scheduler exposes its internals to whoever can reach the port.',
  remediation: 'Set `--profiling=false` on kube-scheduler.',
  frameworks: { cis: ['1.4.1'], owasp: ['K09'] },
  subject: 'component',
  component: 'kube-scheduler',
  run: (ctx) => requireBool(ctx, 'profiling', false, true, 'profiling endpoints are served'),
  examples: {
    fail: [staticPod('kube-scheduler', withFlags(HARDENED_SCHEDULER, ['profiling'], ['--profiling=true']))],
    pass: [staticPod('kube-scheduler', HARDENED_SCHEDULER)],
  },
});
