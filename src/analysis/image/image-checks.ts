import type { Evidence, Finding } from '../../model/finding.js';
import { fingerprint } from '../../model/fingerprint.js';
import { findEnvSecrets } from './env-secrets.js';
import { IMAGE_RULES, type ImageRuleId } from './rules.js';

/** What the image config checks read: the config and a few files of the merged filesystem. Pure data. */
export interface ImageCheckInput {
  /** The image as the user named it; findings are located in it. */
  reference: string;
  config: {
    User?: string;
    Env?: string[] | null;
    Healthcheck?: { Test?: string[] | null } | null;
  };
  /** Contents of /etc/shadow and /etc/passwd when the image has them. */
  shadow?: string;
  passwd?: string;
  /** Regular files with the setuid or setgid bit, as /paths. */
  suidFiles: { path: string; mode: number }[];
}

function finding(id: ImageRuleId, input: ImageCheckInput, file: string, line: number, path: string, message: string, evidence?: Evidence): Finding {
  const r = IMAGE_RULES[id];
  const f: Finding = {
    checkId: r.id,
    severity: r.severity,
    title: r.title,
    message,
    category: 'images',
    location: { file, line, column: 1 },
    path,
    remediation: r.remediation,
    frameworks: r.frameworks,
    fingerprint: fingerprint(r.id, undefined, path, `image:${input.reference}:${file === input.reference ? '' : file}`),
  };
  if (evidence) f.evidence = evidence;
  return f;
}

/** uid of a user name in /etc/passwd. */
function uidOf(passwd: string | undefined, name: string): number | undefined {
  for (const line of (passwd ?? '').split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f[2] !== undefined && /^\d+$/.test(f[2])) return Number(f[2]);
  }
  return undefined;
}

function runsAsRoot(input: ImageCheckInput): Finding[] {
  const user = (input.config.User ?? '').trim();
  const name = user.split(':')[0]!;
  let root = false;
  let why = '';
  if (name === '') {
    root = true;
    why = 'the image sets no USER, so it runs as root';
  } else if (/^\d+$/.test(name)) {
    root = Number(name) === 0;
    why = `USER ${user} is uid 0`;
  } else if (name === 'root' || uidOf(input.passwd, name) === 0) {
    root = true;
    why = name === 'root' ? `USER ${user} is root` : `USER ${user} has uid 0 in /etc/passwd`;
  }
  return root ? [finding('image-runs-as-root', input, input.reference, 1, '/config/User', why, { found: user === '' ? null : user, expected: 'a non-root USER, e.g. 65532' })] : [];
}

function rootEmptyPassword(input: ImageCheckInput): Finding[] {
  if (input.shadow === undefined) return [];
  const lines = input.shadow.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const f = lines[i]!.split(':');
    if (f[0] === 'root' && f.length > 1 && f[1] === '') {
      return [finding('image-root-empty-password', input, `${input.reference}!/etc/shadow`, i + 1, '', 'root has an empty password field in /etc/shadow (CVE-2019-5021)', { found: 'root::', expected: 'root:!: or root:*: (locked)' })];
    }
  }
  return [];
}

function envSecrets(input: ImageCheckInput): Finding[] {
  return findEnvSecrets(input.config.Env ?? []).map((s) =>
    finding('image-env-secret', input, input.reference, 1, `/config/Env/${s.index}`, `ENV ${s.name}: ${s.why}`, { found: s.hint, expected: 'no credential in the image config' }),
  );
}

function suidFiles(input: ImageCheckInput): Finding[] {
  const n = input.suidFiles.length;
  if (n === 0) return [];
  const names = input.suidFiles.map((f) => f.path).sort();
  const shown = names.slice(0, 5).join(', ') + (n > 5 ? `, and ${n - 5} more` : '');
  return [finding('image-suid-files', input, input.reference, 1, '', `${n} setuid/setgid file${n === 1 ? '' : 's'}: ${shown}`, { found: n, expected: '0' })];
}

function noHealthcheck(input: ImageCheckInput): Finding[] {
  const t = input.config.Healthcheck?.Test;
  if (t && t.length && t[0] !== 'NONE') return [];
  return [finding('image-no-healthcheck', input, input.reference, 1, '/config/Healthcheck', t?.[0] === 'NONE' ? 'HEALTHCHECK NONE' : 'the image config has no HEALTHCHECK')];
}

/** Every image config check, in rule order. Pure. */
export function runImageChecks(input: ImageCheckInput): Finding[] {
  return [...runsAsRoot(input), ...rootEmptyPassword(input), ...envSecrets(input), ...suidFiles(input), ...noHealthcheck(input)];
}
