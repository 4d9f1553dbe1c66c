import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'image-no-healthcheck',
  title: 'Image declares no HEALTHCHECK',
  severity: 'info',
  category: 'images',
  profile: 'hygiene',
  description: 'The image config has no HEALTHCHECK (or HEALTHCHECK NONE). Kubernetes ignores it and uses probes instead, so this is information only.',
  remediation: 'Define liveness and readiness probes in the pod spec (or a HEALTHCHECK for non-Kubernetes runtimes).',
  frameworks: { nsa: ['pod-security/secure-images'] },
  aliases: { trivy: ['DS026'] },
  subject: 'image',
  run: ({ image, at }) => {
    const t = image.config.Healthcheck?.Test;
    if (t && t.length && t[0] !== 'NONE') return [];
    return [at('/config/Healthcheck', t?.[0] === 'NONE' ? 'HEALTHCHECK NONE' : 'the image config has no HEALTHCHECK')];
  },
  examples: {
    fail: [{ image: { config: {} } }, { image: { config: { Healthcheck: { Test: ['NONE'] } } }, path: '/config/Healthcheck' }],
    pass: [{ image: { config: { Healthcheck: { Test: ['CMD-SHELL', 'wget -q -O- localhost:8080/healthz'] } } } }],
  },
});
