import type { FrameworkRefs, Severity } from '../../model/finding.js';
import type { ImageCheckInput } from './image-checks.js';

/** An example image for a rule: the config and files it reads (defaults: empty config, no files). */
export type ImageExample = Partial<Omit<ImageCheckInput, 'reference'>>;

/**
 * Image config checks. They are not per-object manifest checks (src/checks): their subject is an image (config
 * plus a few files of its filesystem), their examples are image configs rather than YAML, and they run after the
 * image is read. So they are a rule table here, with the same metadata as checks and the same Finding shape.
 */
export interface ImageRule {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  frameworks: FrameworkRefs;
  aliases?: { trivy?: string[]; kubescape?: string[] };
  /** A failing example gives exactly one finding of the rule; a passing one gives none. Run by the tests. */
  examples: { fail: ImageExample[]; pass: ImageExample[] };
}

export const IMAGE_RULES = {
  'image-runs-as-root': {
    id: 'image-runs-as-root',
    title: 'Image runs as root',
    severity: 'medium',
    description: 'The image config sets no USER, or a USER that is root (name root or uid 0, looked up in /etc/passwd). Containers started from it run as root unless the pod sets runAsUser/runAsNonRoot.',
    remediation: 'Add a non-root user to the image and end the Dockerfile with USER <uid> (a numeric uid lets runAsNonRoot verify it).',
    frameworks: { nsa: ['pod-security/non-root'], mitre: ['T1611', 'T1068'], owasp: ['K01'] },
    aliases: { trivy: ['DS002'] },
    examples: {
      fail: [{ config: {} }, { config: { User: '0:0' } }, { config: { User: 'admin' }, passwd: 'root:x:0:0::/root:/bin/sh\nadmin:x:0:0::/home/admin:/bin/sh\n' }],
      pass: [{ config: { User: '65532' } }, { config: { User: 'app' }, passwd: 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n' }],
    },
  },
  'image-root-empty-password': {
    id: 'image-root-empty-password',
    title: 'Root account has an empty password',
    severity: 'critical',
    description: "/etc/shadow gives root an empty password field, so anyone who can run a login or su in the container becomes root without a password (CVE-2019-5021 in Alpine's Docker images 3.3–3.9). No advisory database lists it: only the file shows it.",
    remediation: 'Lock the root password in the image (passwd -l root, or set the field to "!" or "*"), or rebuild from a fixed base image.',
    frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1078.001'], owasp: ['K02'] },
    examples: {
      fail: [{ shadow: 'root:::0:::::\nbin:!::0:::::\n' }],
      pass: [{ shadow: 'root:!::0:::::\n' }, { shadow: 'root:*:17000:0:99999:7:::\n' }, {}],
    },
  },
  'image-env-secret': {
    id: 'image-env-secret',
    title: 'Image bakes a secret into an environment variable',
    severity: 'high',
    description: 'An ENV entry of the image config looks like a credential (by its name or a well-known token format). Anyone who can pull the image can read it (docker inspect, the registry). The value is never printed.',
    remediation: 'Remove the secret from the image and rotate it; pass it at run time from a Kubernetes Secret (env valueFrom.secretKeyRef or a mounted volume).',
    frameworks: { nsa: ['network/secrets'], mitre: ['T1552.001'], owasp: ['K08'] },
    aliases: { trivy: ['DS031'] },
    examples: {
      fail: [{ config: { Env: ['PATH=/usr/bin', 'DB_PASSWORD=hunter2hunter2'] } }, { config: { Env: ['DEPLOY=AKIAIOSFODNN7EXAMPLE'] } }, { config: { Env: ['DATABASE_URL=postgres://app:s3cretpw@db:5432/app'] } }],
      pass: [{ config: { Env: ['PATH=/usr/bin', 'PASSWORD_FILE=/run/secrets/pw', 'API_TOKEN=', 'SECRET_KEY=changeme', 'GPG_KEY=0x1234'] } }],
    },
  },
  'image-suid-files': {
    id: 'image-suid-files',
    title: 'Image has setuid or setgid files',
    severity: 'low',
    description: 'Regular files with the setuid or setgid bit let a process gain the file owner\'s privileges; each one is a privilege escalation path if it is vulnerable. The finding counts them and names a few.',
    remediation: 'Remove the setuid/setgid bits the workload does not need (chmod u-s,g-s in the Dockerfile), and run with allowPrivilegeEscalation: false.',
    frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1068'], owasp: ['K01'] },
    examples: {
      fail: [{ suidFiles: [{ path: '/usr/bin/su', mode: 0o4755 }, { path: '/usr/bin/wall', mode: 0o2755 }] }],
      pass: [{ suidFiles: [] }],
    },
  },
  'image-no-healthcheck': {
    id: 'image-no-healthcheck',
    title: 'Image declares no HEALTHCHECK',
    severity: 'info',
    description: 'The image config has no HEALTHCHECK (or HEALTHCHECK NONE). Kubernetes ignores it and uses probes instead, so this is information only.',
    remediation: 'Define liveness and readiness probes in the pod spec (or a HEALTHCHECK for non-Kubernetes runtimes).',
    frameworks: { nsa: ['pod-security/secure-images'] },
    aliases: { trivy: ['DS026'] },
    examples: {
      fail: [{ config: {} }, { config: { Healthcheck: { Test: ['NONE'] } } }],
      pass: [{ config: { Healthcheck: { Test: ['CMD-SHELL', 'wget -q -O- localhost:8080/healthz'] } } }],
    },
  },
} as const satisfies Record<string, ImageRule>;

export type ImageRuleId = keyof typeof IMAGE_RULES;
