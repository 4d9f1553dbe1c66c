import { defineCheck, type Issue } from '../define.js';
import { addSources, withoutCredentials } from '../shared/dockerfile-add.js';

/** A git source pinned to a full commit id. */
const PINNED_GIT = /#[0-9a-f]{40}(:|$)/i;

export default defineCheck({
  id: 'dockerfile-add-remote-url',
  title: 'Dockerfile ADDs a remote file without verifying it',
  severity: 'medium',
  category: 'images',
  description:
    '`ADD https://…` downloads whatever the server returns at build time and puts it in the image, with no integrity ' +
    'check: a compromised or hijacked download site, or a changed release file, goes straight into production. ' +
    '`ADD --checksum=sha256:…` verifies the file and passes; a git source passes when pinned to a full commit id ' +
    '(`#<40 hex digits>`), not a branch or tag.',
  remediation:
    'Add `--checksum=sha256:<digest>` to the ADD, or download in a RUN and verify (`curl -fsSLo f.tgz URL && echo ' +
    '"<sha256>  f.tgz" | sha256sum -c -`); pin git sources to a commit.',
  frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1204.003'], owasp: ['K02'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      const checksum = ins.flags.some((f) => f.name === 'checksum' && f.value);
      for (const found of addSources(dockerfile, ins)) {
        const src = { ...found, value: withoutCredentials(found.value) };
        if (src.kind === 'url' && !checksum) {
          out.push(at(ins, `ADD downloads ${src.value} without --checksum`, { found: src.value, expected: 'ADD --checksum=sha256:… or a verified download' }, src.position));
        } else if (src.kind === 'git' && !PINNED_GIT.test(src.value)) {
          out.push(at(ins, `ADD fetches the git repository ${src.value} at a moving ref`, { found: src.value, expected: 'a git source pinned to a commit (#<sha>)' }, src.position));
        }
      }
    }
    return out;
  },
  examples: {
    fail: [
      'FROM alpine:3.19\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini\nRUN chmod +x /tini\n',
      'FROM alpine:3.19\nADD git@github.com:example/config.git#main /etc/app\n',
      'FROM alpine:3.19\nADD https://ci:s3cret@artifacts.example.com/tool.bin /usr/local/bin/tool\n',
    ],
    pass: [
      'FROM alpine:3.19\nADD --checksum=sha256:c5b5d4d5f4e9b7a8c9a3e2b1d0f9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1 https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /tini\n',
      'FROM alpine:3.19\nADD https://github.com/example/config.git#4c8b2f0e5d9a1b3c7e6f2a8d0b9c1e3f5a7d9b2c /etc/app\n',
    ],
  },
});
