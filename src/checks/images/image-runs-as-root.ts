import { defineCheck } from '../define.js';

/** uid of a user name in /etc/passwd. */
function uidOf(passwd: string | undefined, name: string): number | undefined {
  for (const line of (passwd ?? '').split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f[2] !== undefined && /^\d+$/.test(f[2])) return Number(f[2]);
  }
  return undefined;
}

export default defineCheck({
  id: 'image-runs-as-root',
  title: 'Image runs as root',
  severity: 'medium',
  category: 'images',
  description: 'The image config sets no USER, or a USER that is root (name root or uid 0, looked up in /etc/passwd). Containers started from it run as root unless the pod sets runAsUser/runAsNonRoot.',
  remediation: 'Add a non-root user to the image and end the Dockerfile with USER <uid> (a numeric uid lets runAsNonRoot verify it).',
  frameworks: { nsa: ['pod-security/non-root'], mitre: ['T1611', 'T1068'], owasp: ['K01'] },
  aliases: { trivy: ['DS002'] },
  subject: 'image',
  run: ({ image, at }) => {
    const user = (image.config.User ?? '').trim();
    const name = user.split(':')[0]!;
    let why: string | undefined;
    if (name === '') why = 'the image sets no USER, so it runs as root';
    else if (/^\d+$/.test(name)) why = Number(name) === 0 ? `USER ${user} is uid 0` : undefined;
    else if (name === 'root') why = `USER ${user} is root`;
    else if (uidOf(image.passwd, name) === 0) why = `USER ${user} has uid 0 in /etc/passwd`;
    return why ? [at('/config/User', why, { found: user === '' ? null : user, expected: 'a non-root USER, e.g. 65532' })] : [];
  },
  examples: {
    fail: [
      { image: { config: {} }, path: '/config/User', line: 1 },
      { image: { config: { User: '0:0' } } },
      { image: { config: { User: 'admin' }, passwd: 'root:x:0:0::/root:/bin/sh\nadmin:x:0:0::/home/admin:/bin/sh\n' } },
    ],
    pass: [
      { image: { config: { User: '65532' } } },
      { image: { config: { User: 'app' }, passwd: 'root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n' } },
    ],
  },
});
