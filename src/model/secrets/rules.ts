import { isPlaceholder } from './placeholder.js';
import { shannonEntropy } from './entropy.js';

/** A known secret format, found anywhere in a text whatever the key it sits under. */
export interface FormatRule {
  id: string;
  title: string;
  /** Global regex; group 1, when present, is the secret part of the match (for masking and checks). */
  pattern: RegExp;
  /** Further checks on the secret part (checksum-free formats need an entropy floor, JWT a JSON header). */
  valid?(secret: string, match: RegExpExecArray): boolean;
  /** How many leading characters of the secret part are a fixed, public prefix that may be shown. */
  prefix?: number;
}

/** Random enough to be a generated credential rather than a word or a run of one character. */
const random = (min: number) => (s: string) => shannonEntropy(s) >= min && !isPlaceholder(s);

function base64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The jwt.io sample token's payload: documentation everywhere, not a credential. */
const JWT_SAMPLE_SUBJECTS = new Set(['1234567890']);

export const FORMAT_RULES: readonly FormatRule[] = [
  {
    id: 'gcp-service-account',
    title: 'Google Cloud service account key (JSON)',
    pattern: /"type"\s*:\s*"service_account"[\s\S]{0,4000}?"private_key_id"\s*:\s*"([0-9a-f]{40})"/g,
    valid: random(3),
  },
  {
    id: 'aws-access-key-id',
    title: 'AWS access key id',
    pattern: /(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z2-7]{16})(?![A-Z0-9])/g,
    valid: (s) => random(3)(s.slice(4)),
    prefix: 4,
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    pattern: /(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret(?:_?key)?)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    valid: random(4),
  },
  {
    id: 'azure-storage-key',
    title: 'Azure storage account key / connection string',
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    valid: random(4.5),
  },
  {
    id: 'azure-sas-key',
    title: 'Azure shared access key (Service Bus / Event Hubs / IoT connection string)',
    pattern: /SharedAccessKey=([A-Za-z0-9+/]{42,43}=)/g,
    valid: random(4),
  },
  {
    id: 'github-token',
    title: 'GitHub token',
    pattern: /(?<![A-Za-z0-9_])((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g,
    valid: (s) => random(3.5)(s.slice(s.startsWith('github_pat_') ? 11 : 4)),
    prefix: 4,
  },
  {
    id: 'gitlab-token',
    title: 'GitLab personal access token',
    pattern: /(?<![A-Za-z0-9_-])(glpat-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g,
    valid: (s) => random(3.3)(s.slice(6)),
    prefix: 6,
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    pattern: /(?<![A-Za-z0-9-])(xox[abposr]-(?:[0-9]{8,13}-){1,3}[A-Za-z0-9-]{10,})(?![A-Za-z0-9-])/g,
    valid: (s) => random(3)(s.slice(5)),
    prefix: 5,
  },
  {
    id: 'slack-webhook',
    title: 'Slack incoming webhook URL',
    pattern: /(https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,14}\/[A-Za-z0-9]{20,})/g,
    valid: (s) => random(3.5)(s.slice(s.lastIndexOf('/') + 1)),
    prefix: 23,
  },
  {
    id: 'stripe-key',
    title: 'Stripe secret or restricted key',
    pattern: /(?<![A-Za-z0-9_])((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99})(?![A-Za-z0-9_])/g,
    valid: (s) => random(3.5)(s.slice(8)),
    prefix: 8,
  },
  {
    id: 'sendgrid-key',
    title: 'SendGrid API key',
    pattern: /(?<![A-Za-z0-9_-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    valid: (s) => random(3.5)(s.slice(3)),
    prefix: 3,
  },
  {
    id: 'twilio-key',
    title: 'Twilio API key',
    pattern: /(?<![A-Za-z0-9])(SK[0-9a-f]{32})(?![A-Za-z0-9])/g,
    valid: (s) => random(3)(s.slice(2)),
    prefix: 2,
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    pattern: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])|_authToken\s*=\s*([A-Za-z0-9+/=_-]{20,})/g,
    valid: (s) => random(3.5)(s.startsWith('npm_') ? s.slice(4) : s),
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g,
    valid: (s) => {
      const [h, p] = s.split('.');
      const header = base64UrlJson(h!);
      const payload = base64UrlJson(p!);
      if (!header || typeof header.alg !== 'string' || !payload) return false;
      return !(typeof payload.sub === 'string' && JWT_SAMPLE_SUBJECTS.has(payload.sub) && payload.name === 'John Doe');
    },
    prefix: 3,
  },
  {
    id: 'database-url-password',
    title: 'Database URL with a password',
    pattern: /\b((?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|jdbc:[a-z]+|cockroachdb|clickhouse|nats|kafka)):\/\/([^:/?#@\s"']{0,128}):([^@/?#\s"']{1,256})@[^\s"'/]+/g,
    valid: (_s, m) => credentialPassword(m[3] ?? ''),
  },
  {
    id: 'url-basic-auth',
    title: 'URL with a password (scheme://user:password@host)',
    pattern: /\b((?:https?|ftp|ftps|sftp|ssh|git|svn|ldaps?|smtps?|wss?|s3)):\/\/([^:/?#@\s"']{0,128}):([^@/?#\s"']{1,256})@[^\s"'/]+/g,
    valid: (_s, m) => credentialPassword(m[3] ?? ''),
  },
];

const PEM_BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
/** Header lines an encrypted PEM may carry before its base64 body. */
const PEM_HEADERS = /(?:Proc-Type|DEK-Info|Version|Comment):[^\n\\]*/g;

/**
 * PEM private keys, found by index rather than one regex so that text with many BEGIN lines and
 * no END stays linear: each BEGIN looks for its own END once, and the search resumes after it.
 * The body must be there and random (a header with "..." is documentation). Literal `\n` escapes
 * (keys embedded in JSON) are accepted.
 */
export function findPrivateKeys(text: string): { type: string; length: number }[] {
  const out: { type: string; length: number }[] = [];
  PEM_BEGIN.lastIndex = 0;
  const noEnd = new Set<string>();
  let m: RegExpExecArray | null;
  while ((m = PEM_BEGIN.exec(text)) !== null) {
    const type = m[1]!;
    if (noEnd.has(type)) continue;
    const endMarker = `-----END ${type}-----`;
    const end = text.indexOf(endMarker, m.index + m[0].length);
    if (end < 0) {
      noEnd.add(type); // no END of this type after here: none for its later BEGINs either
      continue;
    }
    const body = text.slice(m.index + m[0].length, end).replace(PEM_HEADERS, '').replace(/\\[nr]|\s/g, '');
    PEM_BEGIN.lastIndex = end + endMarker.length;
    if (body.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(body) || !random(3.5)(body)) continue;
    out.push({ type, length: end + endMarker.length - m.index });
  }
  return out;
}

/** The password part of a URL is a real credential: not empty, templated, a word or a placeholder. */
function credentialPassword(pw: string): boolean {
  let p = pw;
  try {
    p = decodeURIComponent(pw);
  } catch {
    /* keep raw */
  }
  if (p.length < 3 || isPlaceholder(p)) return false;
  if (/^(pass(word)?|pwd|secret|token|\$\w+|\*+|x+)$/i.test(p)) return false;
  return true;
}

/** The capture of a match that is the secret: the password for URLs, group 1 otherwise. */
export function secretPart(rule: FormatRule, m: RegExpExecArray): string {
  if (rule.id === 'database-url-password' || rule.id === 'url-basic-auth') return m[3] ?? m[0];
  return m[1] ?? m[2] ?? m[0];
}

export const PRIVATE_KEY_RULE = { id: 'private-key', title: 'PEM private key' } as const;
