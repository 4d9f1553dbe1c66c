import { defineCheck } from '../define.js';
import { splitImageName } from '../../model/image-name.js';

export default defineCheck({
  id: 'image-not-pinned-by-digest',
  title: 'Image is not pinned by digest',
  severity: 'low',
  category: 'workload',
  description:
    'A tag is a movable name: whoever can push to the repository (its owner, a compromised CI token, an attacker ' +
    'with stolen registry credentials) can point `app:1.4.2` at different content, and every node that pulls next ' +
    'runs it. Only a digest (`@sha256:…`) names fixed content, so what was reviewed and scanned is what runs.',
  remediation:
    'Reference images by digest, keeping the tag for readers (`repo/app:1.4.2@sha256:…`); let a tool such as ' +
    'Renovate or your CI update digests.',
  frameworks: {
    nsa: ['pod-security/secure-images'],
    mitre: ['T1525', 'T1204.003'],
    owasp: ['K02'],
  },
  aliases: { checkov: ['CKV_K8S_43'] },
  subject: 'container',
  run: ({ container, at }) => {
    const image = container.container.image;
    if (typeof image !== 'string' || image.trim() === '') return [];
    if (splitImageName(image.trim()).digest !== undefined) return [];
    return [at('image', `container "${container.name}" uses image ${image} by tag, not by digest`, { found: image, expected: 'an image reference with @sha256:…' })];
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0
`,
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: registry.example.com/web:3.1.0@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
`,
    ],
  },
});
