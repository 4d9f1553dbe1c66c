import { findEnvSecrets } from '../../analysis/image/env-secrets.js';
import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'image-env-secret',
  title: 'Image bakes a secret into an environment variable',
  severity: 'high',
  category: 'images',
  description: 'An ENV entry of the image config looks like a credential (by its name or a well-known token format). Anyone who can pull the image can read it (docker inspect, the registry). The value is never printed.',
  remediation: 'Remove the secret from the image and rotate it; pass it at run time from a Kubernetes Secret (env valueFrom.secretKeyRef or a mounted volume).',
  frameworks: { nsa: ['network/secrets'], mitre: ['T1552.001'], owasp: ['K08'] },
  aliases: { trivy: ['DS031'] },
  subject: 'image',
  run: ({ image, at }) =>
    findEnvSecrets(image.config.Env ?? []).map((s) => at(`/config/Env/${s.index}`, `ENV ${s.name}: ${s.why}`, { found: s.hint, expected: 'no credential in the image config' })),
  examples: {
    fail: [
      { image: { config: { Env: ['PATH=/usr/bin', 'DB_PASSWORD=hunter2hunter2'] } }, path: '/config/Env/1' },
      { image: { config: { Env: ['DEPLOY=AKIAIOSFODNN7EXAMPLE'] } } },
      { image: { config: { Env: ['DATABASE_URL=postgres://app:s3cretpw@db:5432/app'] } } },
      { image: { config: { Env: ['API_TOKEN=abcdef123456', 'CLIENT_SECRET=s3cr3t-value'] } }, findings: 2 },
    ],
    pass: [{ image: { config: { Env: ['PATH=/usr/bin', 'PASSWORD_FILE=/run/secrets/pw', 'API_TOKEN=', 'SECRET_KEY=changeme', 'GPG_KEY=0x1234'] } } }],
  },
});
