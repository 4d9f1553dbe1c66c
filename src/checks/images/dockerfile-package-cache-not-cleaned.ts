import { defineCheck, type Issue } from '../define.js';
import { shipsInFinalImage } from '../../model/dockerfile-stages.js';
import { cacheMounts, commandLines, packageInstalls, removesDirectory, type Manager } from '../shared/package-installs.js';

/**
 * For each manager: the clean command that counts, the cache directory whose removal (`rm -rf` of it, of a
 * directory above it, or of its contents; braces expanded) counts, and what a cache mount may cover instead.
 */
const CLEANUP: Record<Manager, { cleans?: RegExp; dir: string; cacheDirs: string[]; how: string }> = {
  apt: { dir: '/var/lib/apt/lists', cacheDirs: ['/var/lib/apt/lists', '/var/lib/apt'], how: 'rm -rf /var/lib/apt/lists/*' },
  apk: { dir: '/var/cache/apk', cacheDirs: ['/var/cache/apk', '/etc/apk/cache'], how: '--no-cache' },
  yum: { cleans: /^yum clean all/, dir: '/var/cache/yum', cacheDirs: ['/var/cache/yum'], how: 'yum clean all' },
  dnf: { cleans: /^dnf clean all/, dir: '/var/cache/dnf', cacheDirs: ['/var/cache/dnf'], how: 'dnf clean all' },
  microdnf: { cleans: /^microdnf clean all/, dir: '/var/cache/yum', cacheDirs: ['/var/cache/dnf', '/var/cache/yum'], how: 'microdnf clean all' },
  zypper: { cleans: /^zypper (clean|cc)\b/, dir: '/var/cache/zypp', cacheDirs: ['/var/cache/zypp'], how: 'zypper clean --all' },
};

export default defineCheck({
  id: 'dockerfile-package-cache-not-cleaned',
  title: 'Dockerfile leaves the package manager cache in the image',
  severity: 'low',
  category: 'images',
  description:
    'Package indexes and downloaded packages left by `apt-get install`, `apk add`, `yum`/`dnf`/`microdnf install` or ' +
    '`zypper install` stay in the layer: tens to hundreds of megabytes that every node pulls, and stale indexes that ' +
    'a later `install` in a derived image trusts. The cleanup must be in the same RUN (a later RUN cannot shrink an ' +
    'earlier layer). Only stages that end up in the final image count (a build stage that is only copied from is not ' +
    'shipped), and a BuildKit cache mount on the cache directory passes.',
  remediation:
    'End the RUN with the cleanup: `apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*`, ' +
    '`apk add --no-cache pkg`, `dnf install -y pkg && dnf clean all`; or use `RUN --mount=type=cache,target=/var/cache/apt …`.',
  frameworks: { nsa: ['pod-security/secure-images'] },
  aliases: { hadolint: ['DL3009', 'DL3019', 'DL3032', 'DL3040'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== 'RUN' || !shipsInFinalImage(dockerfile, ins.stage)) continue;
      const installs = packageInstalls(ins);
      if (installs.length === 0) continue;
      const lines = commandLines(ins);
      const mounts = cacheMounts(ins);
      const reported = new Set<Manager>();
      for (const inst of installs) {
        const rule = CLEANUP[inst.manager];
        if (reported.has(inst.manager)) continue;
        if (inst.manager === 'apk' && inst.options.includes('--no-cache')) continue;
        if ((rule.cleans && lines.some((l) => rule.cleans!.test(l))) || removesDirectory(ins, rule.dir) || mounts.some((m) => rule.cacheDirs.some((d) => d === m || d.startsWith(m + '/')))) continue;
        reported.add(inst.manager);
        out.push(at(ins, `${inst.command} leaves its package cache in the layer (no ${rule.how} in the same RUN)`, { found: inst.command, expected: rule.how }, inst.position));
      }
    }
    return out;
  },
  examples: {
    fail: [
      'FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates=20230311\n',
      'FROM alpine:3.19\nRUN apk add curl=8.5.0-r0\n',
      'FROM rockylinux:9\nRUN dnf install -y nginx-1.20.1 && dnf clean packages\n',
    ],
    pass: [
      'FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates=20230311 \\\n && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache curl=8.5.0-r0\n',
      'FROM debian:12-slim AS build\nRUN apt-get update && apt-get install -y gcc=4:12.2.0-3\nRUN gcc -o /app main.c\n\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /app /app\n',
      'FROM ubuntu:24.04\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y make=4.3-4.1build2\n',
      'FROM ubuntu:24.04\nRUN <<EOF\napt-get update\napt-get install -y make=4.3-4.1build2\nrm -rf /var/lib/{apt,dpkg,cache,log}/\nEOF\n',
    ],
  },
});
