import { defineCheck } from '../define.js';
import { splitImageName } from '../../model/image-name.js';
import { IMAGE, everyContainer, workloadVap } from '../shared/vap.js';
import { floatingTags, isFixedVersionTag } from '../shared/floating-tags.js';

export default defineCheck({
  id: 'image-not-pinned-by-digest',
  title: 'Image is not pinned by digest',
  severity: 'low',
  category: 'workload',
  description:
    'A tag is a movable name: whoever can push to the repository (its owner, a compromised CI token, an attacker ' +
    'with stolen registry credentials) can point `app:1.4.2` at different content, and every node that pulls next ' +
    'runs it. Only a digest (`@sha256:…`) names fixed content, so what was reviewed and scanned is what runs. A ' +
    'malformed digest is no pin either: `@sha256:abc`, 63 characters, upper-case hex or a sha512 of the wrong length ' +
    'are refused by the runtime (the OCI digest grammar: sha256 is 64 and sha512 128 lower-case hex characters), so ' +
    'the pod never starts; those are reported as medium. A fixed version tag (`3.1.0`, `v1.12.1`, ' +
    '`2.14.2-alpine`: a full major.minor.patch that is not a floating tag) changes only if someone re-pushes it, so ' +
    'its digest pin is opt-in hardening (`profile: hardening`, shown with `--profile all`); a reference that moves by ' +
    'design (no tag, `latest`, another floating tag, `1.27`, `alpine`) is a security finding. The finding implies ' +
    '`image-pull-policy` on the same container (the pull policy matters only because the reference is mutable): ' +
    'that one is folded under it.',
  remediation:
    'Reference images by digest, keeping the tag for readers (`repo/app:1.4.2@sha256:…`); let a tool such as ' +
    'Renovate or your CI update digests.',
  frameworks: {
    nsa: ['pod-security/secure-images'],
    mitre: ['T1525', 'T1204.003'],
    owasp: ['K02'],
  },
  aliases: { checkov: ['CKV_K8S_43'] },
  implies: ['image-pull-policy'],
  subject: 'container',
  run: ({ container, options, at }) => {
    const image = container.container.image;
    if (typeof image !== 'string' || image.trim() === '') return [];
    const ref = splitImageName(image.trim());
    if (ref.digestError !== undefined) {
      return [{ ...at('image', `container "${container.name}" uses image ${image} with a malformed digest: ${ref.digestError}; the runtime refuses it`, { found: ref.digest ?? '', expected: 'sha256: and 64 lower-case hex characters' }), severity: 'medium' }];
    }
    if (ref.digest !== undefined) return [];
    if (isFixedVersionTag(ref.tag, floatingTags(options))) {
      return [{ ...at('image', `container "${container.name}" uses image ${image} by its version tag, not by digest: the tag names one release unless someone re-pushes it`, { found: image, expected: 'an image reference with @sha256:…' }), profile: 'hardening' }];
    }
    return [at('image', `container "${container.name}" uses image ${image} by a tag that moves by design, not by digest`, { found: image, expected: 'an image reference with @sha256:…' })];
  },
  vap: workloadVap([{ expression: everyContainer(`!${IMAGE.present} || ${IMAGE.digest}.matches('^sha256:[a-f0-9]{64}$') || ${IMAGE.digest}.matches('^sha512:[a-f0-9]{128}$')`), message: 'a container image is not pinned by a well-formed digest' }]),
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
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: channels
spec:
  containers:
    - name: minor-channel
      image: registry.example.com/web:1.27
    - name: untagged
      image: registry.example.com/api
    - name: stable
      image: registry.example.com/db:stable
`,
        findings: 3,
        path: '/spec/containers/0/image',
      },
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: bad-digests
spec:
  initContainers:
    - name: short
      image: registry.example.com/init:1.0@sha256:abc
  containers:
    - name: sixty-three
      image: registry.example.com/web@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b3
    - name: upper
      image: registry.example.com/api@sha256:0D17B565C37BCBD895E9D92315A05C1C3C9A29F762B011A10C54A66CD53C9B31
    - name: sha512-short
      image: registry.example.com/db@sha512:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
`,
        findings: 4,
        path: '/spec/initContainers/0/image',
      },
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
    - name: sha512
      image: registry.example.com/db@sha512:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b310d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
`,
    ],
  },
});
