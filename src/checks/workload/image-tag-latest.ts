import { defineCheck } from '../define.js';
import { splitImageName } from '../../model/image-name.js';
import { DEFAULT_FLOATING_TAGS, floatingTags } from '../shared/floating-tags.js';
import { IMAGE, everyContainer, list, workloadVap } from '../shared/vap.js';

export default defineCheck({
  id: 'image-tag-latest',
  title: 'Image uses the latest tag, another floating tag, or no tag',
  severity: 'medium',
  category: 'workload',
  description:
    'An image without a tag, or tagged `latest`, names whatever was pushed last. What runs changes under you on ' +
    'every pull: an attacker who can push to the repository (or a compromised upstream) gets their image deployed ' +
    'at the next restart, and you cannot tell which version, with which vulnerabilities, is running. The same holds ' +
    'for the other floating tags: release channels and branch builds such as ' +
    DEFAULT_FLOATING_TAGS.filter((t) => t !== 'latest').map((t) => `\`${t}\``).join(', ') + ' (the default list; ' +
    'set your own with `--floating-tags` or the `floatingTags` key of `.kubeward.yaml`). Tags compare case-insensitively.',
  remediation:
    'Pin the image to a specific version tag, or better to a digest (`image: repo/app:1.4.2@sha256:…`), and update ' +
    'it through your normal release process.',
  frameworks: {
    nsa: ['pod-security/secure-images'],
    mitre: ['T1525', 'T1204.003'],
    owasp: ['K02'],
  },
  aliases: {
    trivy: ['KSV013'],
    kubeLinter: ['latest-tag'],
    polaris: ['tagNotSpecified'],
    checkov: ['CKV_K8S_14'],
  },
  subject: 'container',
  run: ({ container, options, at }) => {
    const image = container.container.image;
    if (typeof image !== 'string' || image.trim() === '') return [];
    const ref = splitImageName(image.trim());
    if (ref.digest !== undefined) return [];
    if (ref.tag === undefined) {
      return [at('image', `container "${container.name}" uses image ${image} without a tag, which means :latest`, { found: image, expected: 'a version tag or a digest' })];
    }
    if (floatingTags(options).has(ref.tag.toLowerCase())) {
      const what = ref.tag === 'latest' ? 'the mutable :latest tag' : `the floating tag :${ref.tag}`;
      return [at('image', `container "${container.name}" uses image ${image} with ${what}`, { found: image, expected: 'a version tag or a digest' })];
    }
    return [];
  },
  vap: workloadVap([{ expression: everyContainer(`!${IMAGE.present} || ${IMAGE.digest} != '' || (${IMAGE.tag} != '' && !(${IMAGE.tag}.lowerAscii() in ${list(DEFAULT_FLOATING_TAGS)}))`), message: 'a container image has no tag, or a floating one such as :latest' }], 'option floatingTags at its default list'),
  examples: {
    fail: [
      { yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:latest
`, path: '/spec/containers/0/image', line: 8, column: 7 },
      `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: report
              image: registry.example.com:5000/team/report
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: channels
spec:
  containers:
    - name: web
      image: registry.example.com/web:stable
    - name: worker
      image: registry.example.com/worker:main
    - name: build
      image: registry.example.com/build:nightly
`,
        findings: 3,
      },
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: own-list
spec:
  containers:
    - name: web
      image: registry.example.com/web:prod
`,
        options: { floatingTags: ['prod', 'latest'] },
      },
    ],
    pass: [
      `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
    - name: init
      image: registry.example.com:5000/team/init:2.3.1
  containers:
    - name: web
      image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
    - name: sidecar
      image: registry.example.com/sidecar:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
    - name: branch-build
      image: registry.example.com/worker:main-4f2c1a9
`,
      {
        yaml: `apiVersion: v1
kind: Pod
metadata:
  name: own-list
spec:
  containers:
    - name: web
      image: registry.example.com/web:stable
`,
        findings: 0,
        options: { floatingTags: ['latest'] },
      },
    ],
  },
});
