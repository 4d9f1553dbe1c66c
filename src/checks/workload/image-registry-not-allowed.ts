import { defineCheck } from '../define.js';
import { allowedBy, imageRegistry } from '../shared/image-registry.js';

/** `checkOptions.image-registry-not-allowed.allowedRegistries`: the string entries, or undefined when not configured. */
function allowList(options: Record<string, unknown>): string[] | undefined {
  const raw = options.allowedRegistries;
  // A single registry written as a string is a list of one.
  const v = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(v)) return undefined;
  return v.filter((e): e is string => typeof e === 'string' && e.trim() !== '');
}

export default defineCheck({
  id: 'image-registry-not-allowed',
  title: 'Image comes from a registry outside the allow-list',
  severity: 'medium',
  category: 'workload',
  description:
    'Images pulled from registries you do not control (or did not approve) skip your build, scanning and signing ' +
    'pipeline, and a typo-squatted or hijacked public repository delivers an attacker\'s code straight to your ' +
    'nodes. This check is off until `checkOptions.image-registry-not-allowed.allowedRegistries` lists the ' +
    'registries (`ghcr.io`, `registry.example.com:5000`) or repository prefixes (`docker.io/library`) allowed. ' +
    'Images without a registry are Docker Hub\'s (`nginx` is `docker.io/library/nginx`).',
  remediation:
    'Mirror the image into an approved registry and reference it there, or add the registry to ' +
    '`allowedRegistries` after review; enforce the list at admission too (ValidatingAdmissionPolicy, Kyverno, Gatekeeper).',
  frameworks: {
    cis: ['5.5.1'],
    nsa: ['pod-security/secure-images'],
    mitre: ['T1525', 'T1204.003'],
    owasp: ['K02'],
  },
  aliases: { kubescape: ['C-0078'] },
  subject: 'container',
  run: ({ container, options, at }) => {
    const allowed = allowList(options);
    const image = container.container.image;
    if (!allowed || typeof image !== 'string' || image.trim() === '') return [];
    const ref = imageRegistry(image);
    if (allowed.some((e) => allowedBy(e, ref))) return [];
    return [
      at('image', `container "${container.name}" uses image ${image} from ${ref.registry}, which is not in the allowed registries`, {
        found: ref.registry,
        expected: `one of: ${allowed.join(', ')}`,
      }),
    ];
  },
  vap: { unsupported: 'its registry list is configuration with no default (off unless set); a policy would bake one list in' },
  examples: {
    fail: [
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: ghcr.io/acme/init:1.0.0
  containers:
    - name: web
      image: nginx:1.27
    - name: proxy
      image: ghcr.io/acme-evil/proxy:2.0
`,
        findings: 2,
        options: { allowedRegistries: ['registry.example.com', 'ghcr.io/acme'] },
      },
    ],
    pass: [
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
    - name: cache
      image: redis:7.2
`,
        findings: 0,
        options: { allowedRegistries: ['registry.example.com', 'docker.io/library'] },
      },
      `apiVersion: v1
kind: Pod
metadata:
  name: not-configured
spec:
  containers:
    - name: web
      image: quay.io/anyone/web:3.1.0
`,
    ],
  },
});
