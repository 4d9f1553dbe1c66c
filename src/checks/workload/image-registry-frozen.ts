import { defineCheck } from '../define.js';
import { imageRegistry } from '../shared/image-registry.js';

/**
 * Registries that no longer receive images, with where the project moved. k8s.gcr.io was frozen on 3 April 2023
 * (no new images, tags or patch releases) and redirects to registry.k8s.io; its regional mirrors with it.
 */
const FROZEN: Readonly<Record<string, string>> = {
  'k8s.gcr.io': 'registry.k8s.io',
  'us.gcr.io/k8s-artifacts-prod': 'registry.k8s.io',
  'eu.gcr.io/k8s-artifacts-prod': 'registry.k8s.io',
  'asia.gcr.io/k8s-artifacts-prod': 'registry.k8s.io',
};

export default defineCheck({
  id: 'image-registry-frozen',
  title: 'Image comes from a frozen registry (k8s.gcr.io)',
  severity: 'medium',
  category: 'workload',
  description:
    'The Kubernetes project froze `k8s.gcr.io` in April 2023: it receives no new images or tags, so an image ' +
    'pulled from it never gets another security fix, and the old name may stop resolving. Every image it held ' +
    'is on `registry.k8s.io`, the community-owned registry, under the same path.',
  remediation: 'Replace `k8s.gcr.io/` with `registry.k8s.io/` in the image reference (same path), then move to a current, patched tag.',
  frameworks: {
    nsa: ['upgrading/application-security'],
    mitre: ['T1525'],
    owasp: ['K02'],
  },
  subject: 'container',
  run: ({ container, at }) => {
    const image = container.container.image;
    if (typeof image !== 'string' || image.trim() === '') return [];
    const ref = imageRegistry(image);
    const frozen = Object.keys(FROZEN).find((f) => ref.repository === f || ref.repository.startsWith(f + '/'));
    if (frozen === undefined) return [];
    const replacement = FROZEN[frozen]!;
    const path = ref.repository.slice(frozen.length + 1);
    return [
      at('image', `container "${container.name}" uses image ${image} from the frozen registry ${frozen}; use ${replacement}/${path} instead`, {
        found: frozen,
        expected: replacement,
      }),
    ];
  },
  fix: ({ container }) => {
    const image = container.container.image;
    if (typeof image !== 'string') return [];
    const t = image.trim();
    const frozen = Object.keys(FROZEN).find((f) => t.toLowerCase().startsWith(f + '/'));
    if (frozen === undefined) return [];
    return [{ op: 'replace', path: `${container.path}/image`, value: FROZEN[frozen]! + t.slice(frozen.length) }];
  },
  vap: { unsupported: 'its registry list is configuration with no default (off unless set); a policy would bake one list in' },
  examples: {
    fail: [
      {
        yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: metrics-server
spec:
  selector:
    matchLabels: {app: metrics-server}
  template:
    metadata:
      labels: {app: metrics-server}
    spec:
      containers:
        - name: metrics-server
          image: k8s.gcr.io/metrics-server/metrics-server:v0.6.1
`,
        path: '/spec/template/spec/containers/0/image',
      },
    ],
    pass: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: metrics-server
spec:
  selector:
    matchLabels: {app: metrics-server}
  template:
    metadata:
      labels: {app: metrics-server}
    spec:
      containers:
        - name: metrics-server
          image: registry.k8s.io/metrics-server/metrics-server:v0.7.2
        - name: proxy
          image: gcr.io/k8s-staging-images/proxy:v1.0.0
`,
    ],
  },
});
