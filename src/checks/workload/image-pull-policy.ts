import { defineCheck } from '../define.js';
import { splitImageName } from '../../model/image-name.js';
import { IMAGE, everyContainer, workloadVap } from '../shared/vap.js';

/** The policy the API server defaults to: Always for :latest or no tag (without digest), else IfNotPresent. */
function defaultPolicy(tag: string | undefined, digest: string | undefined): string {
  return digest === undefined && (tag === undefined || tag === 'latest') ? 'Always' : 'IfNotPresent';
}

export default defineCheck({
  id: 'image-pull-policy',
  title: 'Mutable image tag without imagePullPolicy: Always',
  severity: 'low',
  category: 'workload',
  description:
    'With `IfNotPresent` (the default for any tag but `latest`) or `Never`, a node runs whatever image it cached ' +
    'under the tag. A re-pushed tag then runs old and new content side by side, and a pod can start from an image ' +
    'cached for another pod without the registry checking its pull credentials. Images pinned by digest are ' +
    'exempt. `checkOptions.image-pull-policy.mutableTags: latest` limits the check to `:latest` and untagged ' +
    'images (default `any`: every tag can be re-pushed).',
  remediation: 'Pin the image by digest, or set `imagePullPolicy: Always` (the AlwaysPullImages admission plugin enforces it cluster-wide).',
  frameworks: {
    nsa: ['pod-security/secure-images'],
    mitre: ['T1525'],
    owasp: ['K02'],
  },
  aliases: { kubescape: ['C-0075'], polaris: ['pullPolicyNotAlways'], checkov: ['CKV_K8S_15'] },
  subject: 'container',
  run: ({ container, options, at }) => {
    const image = container.container.image;
    if (typeof image !== 'string' || image.trim() === '') return [];
    const { tag, digest } = splitImageName(image.trim());
    if (digest !== undefined) return [];
    if (options.mutableTags === 'latest' && tag !== undefined && tag !== 'latest') return [];
    const set = container.container.imagePullPolicy;
    const policy = typeof set === 'string' && set !== '' ? set : defaultPolicy(tag, digest);
    if (policy === 'Always') return [];
    const how = typeof set === 'string' && set !== '' ? `imagePullPolicy ${set}` : `no imagePullPolicy, so it defaults to ${policy}`;
    return [at('imagePullPolicy', `container "${container.name}" uses the mutable tag of ${image} with ${how}`, { found: policy, expected: 'Always, or an image pinned by digest' })];
  },
  fix: ({ container }) => [{ op: 'add', path: `${container.path}/imagePullPolicy`, value: 'Always' }],
  vap: workloadVap([{ expression: everyContainer(`!${IMAGE.present} || ${IMAGE.digest} != '' || ((has(c.imagePullPolicy) && c.imagePullPolicy != '') ? c.imagePullPolicy == 'Always' : (${IMAGE.tag} == '' || ${IMAGE.tag} == 'latest'))`), message: 'a container uses a mutable image tag without imagePullPolicy: Always' }], 'option mutableTags at its default (any tag)'),
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
        yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:latest
          imagePullPolicy: IfNotPresent
        - name: sidecar
          image: registry.example.com/sidecar:2.0.1
`,
        findings: 1,
        options: { mutableTags: 'latest' },
      },
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: latest-defaults-to-always
      image: registry.example.com/web
    - name: pinned
      image: registry.example.com/web:3.1.0@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
      imagePullPolicy: IfNotPresent
    - name: explicit
      image: registry.example.com/web:3.1.0
      imagePullPolicy: Always
`,
    ],
  },
});
