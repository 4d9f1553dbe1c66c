import { defineCheck, type Issue } from '../define.js';
import { runCommands } from '../shared/dockerfile-shell.js';

const UPGRADES = new Set(['upgrade', 'dist-upgrade', 'full-upgrade']);

export default defineCheck({
  id: 'dockerfile-apt-upgrade',
  title: 'Dockerfile runs apt-get upgrade',
  severity: 'low',
  category: 'images',
  description:
    '`apt-get upgrade` / `dist-upgrade` / `full-upgrade` in a Dockerfile replaces the base image\'s packages with ' +
    'whatever the mirror has at build time: the image no longer matches the base image that was scanned and tested, ' +
    'two builds differ, and a dist-upgrade may even move to another release. Security fixes belong in a newer base ' +
    'image (rebuilt often, pinned by digest) or in pinned installs of the fixed packages.',
  remediation:
    'Remove the upgrade and move to a patched base image tag/digest; when one package needs a fix now, install exactly ' +
    'it: `apt-get install -y --only-upgrade openssl=<fixed version>`.',
  frameworks: { nsa: ['pod-security/secure-images'], owasp: ['K02'] },
  aliases: { hadolint: ['DL3005'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      for (const { command, position } of runCommands(ins)) {
        if (command.name !== 'apt-get' && command.name !== 'apt') continue;
        const sub = command.args.find((a) => !a.value.startsWith('-'));
        if (sub && UPGRADES.has(sub.value)) out.push(at(ins, `RUN ${command.name} ${sub.value} upgrades the base image's packages at build time`, { found: `${command.name} ${sub.value}`, expected: 'a newer base image, or pinned installs' }, position));
      }
    }
    return out;
  },
  examples: {
    fail: [
      'FROM ubuntu:24.04\nRUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*\n',
      'FROM debian:12\nRUN apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get dist-upgrade -y\n',
    ],
    pass: ['FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --only-upgrade openssl=3.0.13-0ubuntu3.4 && rm -rf /var/lib/apt/lists/*\n'],
  },
});
