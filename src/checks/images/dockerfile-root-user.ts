import { defineCheck } from '../define.js';
import { expandWord } from '../../model/dockerfile-words.js';
import { finalChain, lastInFinalImage, variablesAt } from '../../model/dockerfile-stages.js';
import type { StageBase } from '../../model/dockerfile.js';
import { registryOf, splitImageName } from '../../model/image-name.js';

/** "root", "0", "root:root", "0:0", "root:1000", … (the user part decides). */
function isRoot(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || /^0+$/.test(name);
}

/**
 * Docker Hub official images whose image config sets no USER (so they run as uid 0): the common bases of
 * application images. Official images that do set one (haproxy, memcached, elasticsearch, sonarqube, …) are
 * not here, nor is any other image: what they set is not known from a Dockerfile.
 */
const OFFICIAL_ROOT = new Set([
  'alpine', 'almalinux', 'amazonlinux', 'archlinux', 'bash', 'busybox', 'centos', 'debian', 'fedora', 'oraclelinux',
  'rockylinux', 'ubuntu', 'buildpack-deps', 'golang', 'python', 'pypy', 'node', 'ruby', 'php', 'perl', 'rust', 'gcc',
  'openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibmjava', 'maven', 'gradle', 'erlang', 'elixir', 'haskell', 'julia',
  'swift', 'clojure', 'nginx', 'httpd', 'tomcat', 'redis', 'postgres', 'mysql', 'mariadb', 'mongo', 'docker', 'registry',
]);

/** Does the base image run as root by its own config? `true` known root, `false` known non-root, undefined unknown. */
function baseRunsAsRoot(base: StageBase): boolean | undefined {
  if (base.kind !== 'image') return undefined;
  if (base.image === 'scratch') return true;
  const { repository, tag } = splitImageName(base.image);
  // Images published as non-root say so in their tag (distroless `:nonroot`, `:debug-nonroot`).
  if (/(^|[-_.])nonroot([-_.]|$)/.test(tag ?? '')) return false;
  const { registry, path } = registryOf(repository);
  if (registry === 'docker.io' && path.startsWith('library/')) return OFFICIAL_ROOT.has(path.slice('library/'.length)) ? true : undefined;
  // Distroless images without a nonroot tag run as uid 0; so do Red Hat's base UBI images.
  if (registry === 'gcr.io' && path.startsWith('distroless/')) return true;
  if (/^registry(\.access)?\.redhat\.io$|^registry\.access\.redhat\.com$/.test(registry) && /^ubi\d*\/ubi(-minimal|-micro|-init)?$/.test(path)) return true;
  return undefined;
}

function describeBase(base: StageBase): string {
  return base.kind === 'unresolved' ? `"${base.text}" (a build argument without a default: the image is chosen at build time)` : base.kind === 'image' ? `"${base.image}"` : 'a build stage';
}

export default defineCheck({
  id: 'dockerfile-root-user',
  title: 'Dockerfile final stage runs as root',
  severity: 'high',
  category: 'images',
  description:
    'The image\'s user is the last `USER` of its final stage, or of the stage it is built FROM (and so on): a `USER` in ' +
    'a build stage that is only copied from does not count. Without one, containers run as root (uid 0) unless the ' +
    'Kubernetes manifest overrides it, so any code execution in the container is root inside it and one ' +
    'misconfiguration (a hostPath, a capability, a kernel bug) away from root on the node. A `USER` whose variables ' +
    'have no value cannot be judged and is not reported; nor is a final image built on an image whose tag says it ' +
    'runs as non-root (distroless `:nonroot`). Without any USER, a base known to run as root (`scratch`, Docker Hub\'s ' +
    'OS and language images, distroless, UBI) makes the image root (high); any other base — another team\'s image, or ' +
    '`FROM $BASE` whose ARG has no default — may set its own non-root USER, which a Dockerfile does not show, so the ' +
    'finding says so at low severity. `FROM $BASE` resolves the default of an `ARG` declared before the first FROM.',
  remediation:
    'Create an unprivileged user and switch to it at the end of the final stage: `RUN useradd --uid 10001 --no-create-home app` ' +
    '(or `adduser -D -u 10001 app` on Alpine) and `USER 10001`; a numeric uid also lets Kubernetes verify `runAsNonRoot`.',
  frameworks: { nsa: ['pod-security/non-root'], mitre: ['T1611', 'T1068'], owasp: ['K01'] },
  aliases: { hadolint: ['DL3002'], trivy: ['DS002'], checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const final = finalChain(dockerfile)[0];
    if (!final) return [];
    const user = lastInFinalImage(dockerfile, 'USER');
    const chain = finalChain(dockerfile);
    const root = chain[chain.length - 1]!.base;
    if (!user) {
      const known = baseRunsAsRoot(root);
      if (known === false) return [];
      // The message is part of the finding's fingerprint: kept as it was.
      if (known) return [at(final.from, 'the final stage sets no USER (nor does any stage it is built from): the image runs as root', { found: null, expected: 'USER <non-root uid>' })];
      const issue = at(
        final.from,
        `the final stage sets no USER (nor does any stage it is built from) and its base image ${describeBase(root)} is not known here: the image runs as root unless the base image sets a non-root USER`,
        { found: null, expected: 'USER <non-root uid>' },
      );
      issue.severity = 'low';
      return [issue];
    }
    const v = expandWord(user.args.text.trim(), variablesAt(dockerfile, user), dockerfile.escape);
    if (v.unresolved || !isRoot(v.value)) return [];
    return [at(user, `the image runs as root: the last USER of the final image is "${v.value}"`, { found: v.value, expected: 'a non-root user' })];
  },
  examples: {
    fail: [
      'FROM debian:12-slim@sha256:2b2e35d67c8fda0ba853d40cd18e57b99ab12d82fd3200607015eb09784068bd\nRUN apt-get update\nCMD ["bash"]\n',
      'FROM golang:1.22 AS build\nUSER builder\nRUN go build -o /out/app .\n\nFROM alpine:3.19\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      'FROM node:20-slim\nUSER node\nRUN npm ci\nUSER root\n',
      'FROM python:3.12-slim\nARG APP_UID=0\nUSER ${APP_UID}:${APP_UID}\n',
      'ARG BASE_IMAGE=docker.io/library/ubuntu:24.04\nFROM golang:1.22 AS build\nRUN go build -o /app .\nFROM ${BASE_IMAGE}\nCOPY --from=build /app /app\n',
      'ARG BASE\nFROM $BASE\nCOPY app /app\nENTRYPOINT ["/app"]\n',
    ],
    pass: [
      'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["node", "server.js"]\n',
      'FROM golang:1.22 AS build\nRUN go build -o /out/app .\n\nFROM gcr.io/distroless/static:nonroot AS base\nUSER 65532:65532\n\nFROM base\nCOPY --from=build /out/app /app\n',
      'FROM alpine:3.19\nUSER ${RUNTIME_USER}\n',
      'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n',
    ],
  },
});
