import { defineCheck } from '../define.js';
import { requireBool } from '../shared/component-flags.js';
import { HARDENED_APISERVER, staticPod, withFlags } from '../shared/static-pod.js';

export default defineCheck({
  id: 'apiserver-profiling',
  title: 'API server serves profiling data',
  severity: 'low',
  category: 'control-plane',
  description: 'With profiling on (the default), /debug/pprof exposes the API server\'s internals and lets a caller with access to it load the process.',
  remediation: 'Set `--profiling=false` on kube-apiserver.',
  frameworks: { cis: ['1.2.15'] },
  subject: 'component',
  component: 'kube-apiserver',
  run: (ctx) => requireBool(ctx, 'profiling', false, true, 'profiling endpoints are served'),
  examples: {
    fail: [staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['profiling'])), staticPod('kube-apiserver', withFlags(HARDENED_APISERVER, ['profiling'], ['--profiling']))],
    pass: [staticPod('kube-apiserver', HARDENED_APISERVER)],
  },
});
