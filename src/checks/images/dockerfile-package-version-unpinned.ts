import { defineCheck, type Issue } from '../define.js';
import { packageInstalls, type Manager } from '../shared/package-installs.js';

/** Is this package argument pinned to a version, for this manager? */
const PINNED: Record<Manager, (arg: string) => boolean> = {
  // pkg=1.2-3, or a local .deb file
  apt: (a) => a.includes('=') || a.endsWith('.deb'),
  // pkg=1.2-r0, pkg~1.2, pkg>=1.2, pkg<2, or a local .apk
  apk: (a) => /[=~<>]/.test(a) || a.endsWith('.apk'),
  // name-version (nginx-1.20.1), name-version-release, a local .rpm, or a path
  yum: (a) => /-\d/.test(a) || a.endsWith('.rpm') || a.includes('/'),
  dnf: (a) => /-\d/.test(a) || a.endsWith('.rpm') || a.includes('/'),
  microdnf: (a) => /-\d/.test(a) || a.endsWith('.rpm') || a.includes('/'),
  zypper: (a) => /[=<>]/.test(a) || /-\d/.test(a) || a.endsWith('.rpm'),
};

export default defineCheck({
  id: 'dockerfile-package-version-unpinned',
  title: 'Dockerfile installs packages without pinning their versions',
  severity: 'low',
  category: 'images',
  description:
    '`apt-get install curl` installs whatever version the mirror has that day: two builds of the same Dockerfile ship ' +
    'different software, a vulnerability scan of one says nothing about the other, and a broken or malicious upstream ' +
    'release is picked up silently. Reported once per install command, naming the packages without a version ' +
    '(apt/apt-get, apk, yum, dnf, microdnf, zypper). Variables (`$PKG`) are not judged.',
  remediation:
    'Pin each package: `apt-get install -y curl=8.5.0-2ubuntu10.6`, `apk add curl=8.5.0-r0`, `dnf install -y ' +
    'curl-8.6.0`; let a bot update the pins together with the base image digest.',
  frameworks: { nsa: ['pod-security/secure-images'], owasp: ['K02'] },
  aliases: { hadolint: ['DL3008', 'DL3018', 'DL3033', 'DL3041', 'DL3037'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const inst of packageInstalls(ins)) {
        const loose = inst.packages.filter((p) => !p.value.includes('$') && !PINNED[inst.manager](p.value));
        if (loose.length === 0) continue;
        const names = loose.map((p) => p.value);
        out.push(at(ins, `${inst.command} without versions: ${names.join(', ')}`, { found: names.join(' '), expected: inst.manager === 'apt' ? 'package=version' : 'pinned versions' }, inst.positionOf(loose[0]!)));
      }
    }
    return out;
  },
  examples: {
    fail: [
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n      ca-certificates=20230311 \\\n      curl \\\n  && rm -rf /var/lib/apt/lists/*\n',
      'FROM alpine:3.19\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev\n',
      'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    ],
    pass: [
      'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311 curl=7.88.1-10+deb12u5 ./vendor/tool_1.0_amd64.deb \\\n  && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache "pkg>=1.2" ${EXTRA_PACKAGES}\n',
    ],
  },
});
