import { defineCheck } from '../define.js';
import { allowedBy, imageRegistry } from '../shared/image-registry.js';

/** `deniedRegistries` (the `--denied-registries` option, or `checkOptions.image-registry-denied`): the string entries. */
function denyList(options: Record<string, unknown>): string[] {
  const raw = options.deniedRegistries;
  const v = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(v)) return [];
  return v.filter((e): e is string => typeof e === 'string' && e.trim() !== '');
}

export default defineCheck({
  id: 'image-registry-denied',
  title: 'Image comes from a denied registry',
  severity: 'high',
  category: 'workload',
  description:
    'The opposite of the allow-list: registries or repositories you have decided never to run from (a public ' +
    'registry your policy forbids, a vendor mirror that was compromised, a personal Docker Hub namespace). The ' +
    'check is off until `--denied-registries` (env `KUBEWARD_DENIED_REGISTRIES`, `.kubeward.yaml` key ' +
    '`deniedRegistries`) lists them. Entries match as the allow-list\'s do: without `/` a registry host ' +
    '(`docker.io`, `registry.example.com:5000`), with `/` a repository prefix by whole path components ' +
    '(`docker.io/bitnami` denies docker.io/bitnami/redis, not docker.io/bitnamilabs/redis); images without a ' +
    'registry are Docker Hub\'s (`nginx` is docker.io/library/nginx). Case-insensitive.',
  remediation:
    'Mirror the image into an approved registry and reference it there; enforce the same deny-list at admission ' +
    '(ValidatingAdmissionPolicy, Kyverno, Gatekeeper) so nothing bypasses the scan.',
  frameworks: {
    cis: ['5.5.1'],
    nsa: ['pod-security/secure-images'],
    mitre: ['T1525', 'T1204.003'],
    owasp: ['K02'],
  },
  aliases: { kubescape: ['C-0001'] },
  subject: 'container',
  run: ({ container, options, at }) => {
    const denied = denyList(options);
    const image = container.container.image;
    if (denied.length === 0 || typeof image !== 'string' || image.trim() === '') return [];
    const ref = imageRegistry(image);
    const entry = denied.find((e) => allowedBy(e, ref));
    if (entry === undefined) return [];
    return [
      at('image', `container "${container.name}" uses image ${image} from ${ref.repository}, which the denied registries list (${entry})`, {
        found: ref.repository,
        expected: `none of: ${denied.join(', ')}`,
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
      image: registry.example.com/init:1.0.0
  containers:
    - name: web
      image: nginx:1.27
    - name: cache
      image: quay.io/untrusted/cache:2.0
`,
        findings: 2,
        path: '/spec/containers/0/image',
        options: { deniedRegistries: ['docker.io', 'quay.io/untrusted'] },
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
      image: quay.io/untrusted-not/cache:2.0
`,
        findings: 0,
        options: { deniedRegistries: ['docker.io', 'quay.io/untrusted'] },
      },
      `apiVersion: v1
kind: Pod
metadata:
  name: not-configured
spec:
  containers:
    - name: web
      image: docker.io/anyone/web:3.1.0
`,
    ],
  },
});
