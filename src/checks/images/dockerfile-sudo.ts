import { defineCheck, type Issue } from '../define.js';
import { runScripts } from '../shared/dockerfile-shell.js';

export default defineCheck({
  id: 'dockerfile-sudo',
  title: 'Dockerfile uses sudo',
  severity: 'medium',
  category: 'images',
  description:
    '`sudo` in a RUN means the image ships sudo (and usually a sudoers rule), so a process in the container can become ' +
    'root whenever it likes: a non-root `USER` then protects nothing. Build steps that need root should run before ' +
    '`USER` switches away from it.',
  remediation:
    'Run the privileged steps as root (before `USER app`), drop sudo from the image, and keep the final USER unprivileged; ' +
    'use `gosu`/`su-exec` only in entrypoints that must step down from root.',
  frameworks: { nsa: ['pod-security/non-root'], mitre: ['T1068'], owasp: ['K01'] },
  aliases: { hadolint: ['DL3004'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      let found = false;
      for (const script of runScripts(ins)) {
        for (const pipeline of script.pipelines) {
          for (const cmd of pipeline) {
            const first = cmd.words[0];
            if (found || !first || first.value.split('/').pop() !== 'sudo') continue;
            found = true;
            out.push(at(ins, 'RUN uses sudo: the image can become root at will', { found: 'sudo', expected: 'privileged steps run as root before USER' }, script.source.positionAt(first.start)));
          }
        }
      }
    }
    return out;
  },
  examples: {
    fail: [{ yaml: 'FROM ubuntu:24.04\nRUN useradd -m app\nUSER app\nRUN sudo apt-get update\n', path: '/instructions/3', line: 4, column: 5 }],
    pass: ['FROM ubuntu:24.04\nRUN apt-get update && useradd -m app\nUSER app\nRUN echo "no sudo here" > /tmp/note\n'],
  },
});
