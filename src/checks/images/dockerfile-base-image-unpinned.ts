import { defineCheck, type Issue } from '../define.js';
import { expandWord, splitWords } from '../../model/dockerfile-words.js';
import { variablesAt } from '../../model/dockerfile-stages.js';
import { splitImageName } from '../../model/image-name.js';


export default defineCheck({
  id: 'dockerfile-base-image-unpinned',
  title: 'Dockerfile image is not pinned by digest',
  severity: 'medium',
  category: 'images',
  description:
    'A base image named without a tag, or with `:latest`, is whatever the registry serves on the day of the build: ' +
    'builds stop being reproducible and a compromised or broken upstream push lands in your image unnoticed. A tag ' +
    'alone (`node:20`) moves too (reported at low severity); only a digest (`@sha256:…`) names exactly one image. ' +
    'Every FROM of every stage counts, and so does `COPY --from=<image>`; `FROM <stage>` and `COPY --from=<stage>` ' +
    'refer to this Dockerfile\'s own stages, and `scratch` is the empty image. A reference whose variables have no ' +
    'value (`FROM ${BASE}` without a default or `--build-arg`) cannot be judged and is not reported.',
  remediation:
    'Pin the image by digest, keeping the tag for readers: `FROM node:20.11-bookworm-slim@sha256:<digest>` ' +
    '(`docker buildx imagetools inspect node:20.11-bookworm-slim` prints it), and let a bot (Renovate, Dependabot) ' +
    'update the digest.',
  frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1204.003'], owasp: ['K02'] },
  aliases: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS001'], checkov: ['CKV_DOCKER_7'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    const judge = (image: string, where: Parameters<typeof at>[0], position: Parameters<typeof at>[3], what: string) => {
      if (image === 'scratch') return;
      const ref = splitImageName(image);
      if (ref.digest !== undefined && ref.digestError === undefined) return;
      if (ref.tag === undefined || ref.tag === 'latest') {
        const how = ref.tag === undefined ? 'has no tag (so it is :latest)' : 'uses the :latest tag';
        out.push(at(where, `${what} "${image}" ${how}`, { found: image, expected: 'a pinned tag and digest (image:tag@sha256:…)' }, position));
      } else {
        const issue = at(where, `${what} "${image}" is pinned by tag only: the tag can be moved to another image`, { found: image, expected: 'image:tag@sha256:…' }, position);
        issue.severity = 'low';
        out.push(issue);
      }
    };
    for (const stage of dockerfile.stages) {
      if (stage.base.kind !== 'image') continue;
      const word = splitWords(stage.from.args.text, dockerfile.escape)[0]!;
      judge(stage.base.image, stage.from, stage.from.args.positionAt(word.start), `base image of stage ${stage.name ?? stage.index}`);
    }
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const from = ins.flags.find((f) => f.name === 'from');
      if (from?.value === undefined) continue;
      const v = expandWord(from.value, variablesAt(dockerfile, ins), dockerfile.escape);
      if (v.unresolved || v.value === '') continue;
      const name = v.value.toLowerCase();
      // A stage by name or by index is part of this build, not an image.
      if (dockerfile.stages.some((s) => s.index < ins.stage && s.name === name) || (/^\d+$/.test(name) && Number(name) < ins.stage)) continue;
      judge(v.value, ins, from.position, `${ins.keyword} --from image`);
    }
    return out;
  },
  examples: {
    fail: [
      'FROM ubuntu\nRUN echo hello\n',
      'FROM node:latest AS build\nRUN npm ci\n',
      '# syntax=docker/dockerfile:1\nARG NODE=node:20\nFROM golang:1.22@sha256:0f4d2d19a4cbe4d0e1e5c4b4c6c7c8e5d7f1e4a3b2c1d0e9f8a7b6c5d4e3f2a1 AS build\nRUN go build -o /app .\n\nFROM ${NODE}\nCOPY --from=build /app /app\n',
      'FROM alpine:3.19@sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b\nCOPY --from=nginx:latest /etc/nginx/nginx.conf /etc/nginx/nginx.conf\n',
    ],
    pass: [
      'FROM golang:1.22@sha256:0f4d2d19a4cbe4d0e1e5c4b4c6c7c8e5d7f1e4a3b2c1d0e9f8a7b6c5d4e3f2a1 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nCOPY --from=0 /etc/ssl/certs /etc/ssl/certs\n',
      'FROM ${BASE_IMAGE}\nRUN echo "the image comes from a build argument without a default"\n',
    ],
  },
});
