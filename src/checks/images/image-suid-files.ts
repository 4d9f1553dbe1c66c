import { defineCheck } from '../define.js';

export default defineCheck({
  id: 'image-suid-files',
  title: 'Image has setuid or setgid files',
  severity: 'low',
  category: 'images',
  description: "Regular files with the setuid or setgid bit let a process gain the file owner's privileges; each one is a privilege escalation path if it is vulnerable. The finding counts them and names a few.",
  remediation: 'Remove the setuid/setgid bits the workload does not need (chmod u-s,g-s in the Dockerfile), and run with allowPrivilegeEscalation: false.',
  frameworks: { nsa: ['pod-security/secure-images'], mitre: ['T1068'], owasp: ['K01'] },
  subject: 'image',
  run: ({ image, at }) => {
    const n = image.suidFiles.length;
    if (n === 0) return [];
    const names = image.suidFiles.map((f) => f.path).sort();
    const shown = names.slice(0, 5).join(', ') + (n > 5 ? `, and ${n - 5} more` : '');
    return [at('', `${n} setuid/setgid file${n === 1 ? '' : 's'}: ${shown}`, { found: n, expected: '0' })];
  },
  examples: {
    fail: [{ image: { suidFiles: [{ path: '/usr/bin/su', mode: 0o4755 }, { path: '/usr/bin/wall', mode: 0o2755 }] }, path: '' }],
    pass: [{ image: { suidFiles: [] } }],
  },
});
