import { defineCheck } from '../define.js';
import { finalChain, lastInFinalImage } from '../../model/dockerfile-stages.js';

export default defineCheck({
  id: 'dockerfile-healthcheck-missing',
  title: 'Dockerfile final image has no HEALTHCHECK',
  severity: 'info',
  category: 'images',
  profile: 'hygiene',
  description:
    'Without a `HEALTHCHECK` in the final stage (or a stage it is built FROM), `docker run`, Compose and Swarm cannot ' +
    'tell a hung container from a healthy one. Kubernetes ignores HEALTHCHECK and uses the pod\'s liveness and ' +
    'readiness probes instead, so this is information only. `HEALTHCHECK NONE` is a deliberate choice and passes.',
  remediation:
    'Add `HEALTHCHECK --interval=30s --timeout=3s CMD ["/app", "healthcheck"]` (a command that exits non-zero when ' +
    'the service is unhealthy), or rely on Kubernetes probes and write `HEALTHCHECK NONE` to say so.',
  frameworks: {},
  aliases: { trivy: ['DS026'], checkov: ['CKV_DOCKER_2'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const final = finalChain(dockerfile)[0];
    if (!final || lastInFinalImage(dockerfile, 'HEALTHCHECK')) return [];
    return [at(final.from, 'the final image defines no HEALTHCHECK', { found: null, expected: 'HEALTHCHECK CMD … (or HEALTHCHECK NONE)' })];
  },
  examples: {
    fail: [
      'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
      'FROM golang:1.22 AS build\nHEALTHCHECK CMD ["true"]\nRUN go build -o /app .\n\nFROM alpine:3.19\nCOPY --from=build /app /app\n',
    ],
    pass: [
      'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1\n',
      'FROM alpine:3.19 AS base\nHEALTHCHECK NONE\nFROM base\nCMD ["/app"]\n',
    ],
  },
});
