import { defineCheck, type Issue } from '../define.js';
import { variablesAt } from '../../model/dockerfile-stages.js';
import { expandWord, splitWords } from '../../model/dockerfile-words.js';

/** Does `22`, `22/tcp`, `20-25`, `20-25/tcp` include port 22? */
function includes22(spec: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(spec.trim());
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] === undefined ? lo : Number(m[2]);
  return lo <= 22 && 22 <= hi && (m[3] === undefined || m[3].toLowerCase() === 'tcp');
}

export default defineCheck({
  id: 'dockerfile-expose-ssh',
  title: 'Dockerfile exposes the SSH port',
  severity: 'medium',
  category: 'images',
  description:
    '`EXPOSE 22` says the image runs an SSH server. A container with sshd is a long-lived remote login with its own ' +
    'credentials and keys to manage, outside Kubernetes RBAC and audit; attackers scan for it. Use `kubectl exec` ' +
    '(audited, authorised by RBAC) or ephemeral debug containers instead. Port ranges that include 22 count.',
  remediation: 'Remove sshd and `EXPOSE 22` from the image; debug with `kubectl exec` or `kubectl debug`.',
  frameworks: { nsa: ['pod-security/container-environments'], mitre: ['T1133'], owasp: ['K07'] },
  aliases: { trivy: ['DS004'], checkov: ['CKV_DOCKER_1'] },
  subject: 'dockerfile',
  run: ({ dockerfile, at }) => {
    const out: Issue[] = [];
    for (const ins of dockerfile.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      const lookup = variablesAt(dockerfile, ins);
      for (const w of splitWords(ins.args.text, dockerfile.escape)) {
        const v = expandWord(w.raw, lookup, dockerfile.escape);
        if (!v.unresolved && includes22(v.value)) out.push(at(ins, `EXPOSE ${v.value} exposes SSH (port 22)`, { found: v.value, expected: 'no SSH port' }, ins.args.positionAt(w.start)));
      }
    }
    return out;
  },
  examples: {
    fail: ['FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y openssh-server=1:9.6p1-3ubuntu13 && rm -rf /var/lib/apt/lists/*\nEXPOSE 80 22/tcp\n', 'FROM alpine:3.19\nARG SSH_PORT=22\nexpose ${SSH_PORT}\n'],
    pass: ['FROM nginx:1.27\nEXPOSE 80 443 2222 22/udp\n'],
  },
});
