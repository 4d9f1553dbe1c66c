import { defineCheck } from '../define.js';
import { asNumber, HARDENED_KUBELET, judgeSetting, kubeletConfig } from '../shared/kubelet-setting.js';

export default defineCheck({
  id: 'kubelet-event-qps',
  title: 'Kubelet drops events under load',
  severity: 'low',
  category: 'node',
  description:
    'The kubelet sends at most `eventRecordQPS` events per second (default 50; 0 means no limit). A very low limit drops the events that tell what happened on the node (failed mounts, evictions, image pulls) exactly when many happen at once. The limit below which this check reports is `checkOptions.kubelet-event-qps.min` (default 5).',
  remediation: 'Set `eventRecordQPS` to 0 or to a level that keeps the events of a busy node (the default 50 is enough for most).',
  frameworks: { cis: ['4.2.8'], nsa: ['logging/worker-nodes-and-containers'], owasp: ['K05'] },
  subject: 'component',
  component: 'kubelet',
  run: (ctx) => {
    const min = typeof ctx.options.min === 'number' ? ctx.options.min : 5;
    return judgeSetting(ctx, { flag: 'event-qps', field: ['eventRecordQPS'], defaults: { config: 50, flags: 50 } },
      (v) => { const n = asNumber(v); return n === undefined || n < 0 || (n > 0 && n < min); }, `events past this rate are dropped (below ${min} per second)`, `0 (no limit) or ${min} or more`);
  },
  examples: {
    fail: [kubeletConfig('eventRecordQPS: 1\n'), { yaml: kubeletConfig('eventRecordQPS: 8\n'), options: { min: 10 } }],
    pass: [kubeletConfig(HARDENED_KUBELET), kubeletConfig('eventRecordQPS: 0\n')],
  },
});
