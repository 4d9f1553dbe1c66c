import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'image-root-empty-password',
  title: 'Root account has an empty password',
  severity: 'critical',
  category: 'images',
  description: "/etc/shadow gives root an empty password field, so anyone who can run a login or su in the container becomes root without a password (CVE-2019-5021 in Alpine's Docker images 3.3–3.9). No advisory database lists it: only the file shows it.",
  remediation: 'Lock the root password in the image (passwd -l root, or set the field to "!" or "*"), or rebuild from a fixed base image.',
  frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1078.001'], owasp: ['K02'] },
  subject: 'image',
  run: ({ image, at }) => {
    if (image.shadow === undefined) return [];
    const lines = image.shadow.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const f = lines[i]!.split(':');
      if (f[0] === 'root' && f.length > 1 && f[1] === '') {
        return [at('', 'root has an empty password field in /etc/shadow (CVE-2019-5021)', { found: 'root::', expected: 'root:!: or root:*: (locked)' }, { file: '/etc/shadow', line: i + 1 })];
      }
    }
    return [];
  },
  examples: {
    fail: [
      { image: { shadow: 'root:::0:::::\nbin:!::0:::::\n' }, line: 1 },
      { image: { shadow: 'bin:!::0:::::\nroot::18000:0:::::\n' }, line: 2 },
    ],
    pass: [{ image: { shadow: 'root:!::0:::::\n' } }, { image: { shadow: 'root:*:17000:0:99999:7:::\n' } }, { image: {} }],
  },
});
