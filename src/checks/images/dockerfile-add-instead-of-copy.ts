import { defineCheck, type Issue } from '../define.js';
import { addSources } from '../shared/dockerfile-add.js';

export default defineCheck({
  id: 'dockerfile-add-instead-of-copy',
  title: 'Dockerfile uses ADD where COPY suffices',
  severity: 'low',
  category: 'images',
  description:
    '`ADD` does more than copy: it fetches URLs and unpacks local archives. For plain local files and directories that ' +
    'magic is only a surprise waiting to happen (a file that later becomes a .tar.gz is silently extracted), and ' +
    'reviewers must check each ADD for what it really does. ADD of a local archive (its documented use) passes; remote ' +
    'sources are `dockerfile-add-remote-url`\'s.',
  remediation: 'Replace `ADD src dest` with `COPY src dest` (same flags: `--chown`, `--chmod`, `--link`).',
  frameworks: { nsa: ['pod-security/secure-images'] },
  aliases: { hadolint: ['DL3020'], trivy: ['DS005'], checkov: ['CKV_DOCKER_4'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      const sources = addSources(dockerfile, ins);
      if (sources.length > 0 && sources.every((s) => s.kind === 'local')) {
        out.push(at(ins, `ADD copies local files (${sources.map((s) => s.value).join(', ')}): COPY does that without ADD's extraction and downloads`, { found: 'ADD', expected: 'COPY' }));
      }
    }
    return out;
  },
  examples: {
    fail: ['FROM python:3.12-slim\nWORKDIR /app\nADD requirements.txt app.py ./\n', 'FROM alpine:3.19\nadd ["conf/nginx.conf", "/etc/nginx/nginx.conf"]\n'],
    pass: ['FROM python:3.12-slim\nCOPY requirements.txt app.py ./\nADD rootfs.tar.gz /\n'],
  },
});
