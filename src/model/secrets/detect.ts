import { charClasses, shannonEntropy } from './entropy.js';
import { isSecretKeyName } from './key-names.js';
import { maskSecret } from './mask.js';
import { isPlaceholder } from './placeholder.js';
import { FORMAT_RULES, findPrivateKeys, PRIVATE_KEY_RULE, secretPart } from './rules.js';

/** One secret found in a value. Carries no part of the secret but a masked hint. */
export interface SecretHit {
  /** Rule id: a format rule (github-token, private-key, ...) or `secret-key-value` (entropy under a secret-named key). */
  rule: string;
  title: string;
  /** Masked hint, e.g. "ghp_*** (40 chars)". */
  hint: string;
  /** For `secret-key-value` inside a text: the key the value was assigned to (a name, not a secret). */
  key?: string;
}

export const GENERIC_RULE = { id: 'secret-key-value', title: 'High-entropy value under a secret-named key' } as const;
/** Not a secret: the scan stopped at a size or node limit, so a secret past it would be missed. Said, never silent. */
export const LIMIT_RULE = { id: 'scan-limit', title: 'Value too large to scan whole' } as const;

/** Every rule id a hit can carry, for reports and benchmarks. */
export const RULE_IDS: readonly string[] = [PRIVATE_KEY_RULE.id, ...FORMAT_RULES.map((r) => r.id), GENERIC_RULE.id, 'committed-secret-value', LIMIT_RULE.id];

/** Texts longer than this are scanned only in their first part (a secret scan must stay linear and bounded), and say so. */
export const MAX_TEXT = 1 << 20;

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/** The scan-limit hit for a text past MAX_TEXT, else none. */
function limitHits(text: string): SecretHit[] {
  if (text.length <= MAX_TEXT) return [];
  return [{ rule: LIMIT_RULE.id, title: LIMIT_RULE.title, hint: `only the first ${mib(MAX_TEXT)} of ${mib(text.length)} was scanned` }];
}

const isLimit = (h: SecretHit) => h.rule === LIMIT_RULE.id;
/** Generic values: a password-length token, not a paragraph. */
const MIN_GENERIC = 8;
const MAX_GENERIC = 512;
/** Bits per character: below this a value is a word, a name or a pattern rather than a generated secret. */
export const ENTROPY_THRESHOLD = 3.0;

const REFERENCE = /^(\/|\.\.?\/|~\/|[a-z][a-z0-9+.-]*:\/\/|file:|env:|vault:|ref\+|arn:|secret:|secretref:|k8s:|projects\/|sm:\/\/|azurekeyvault)/i;
const DNS_NAME = /^[a-z0-9]+(?:[-.][a-z0-9]+)+$/;
/** vault paths, object keys, image paths: lowercase segments joined by slashes. */
const SLASH_PATH = /^[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)+\/?$/;
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const NUMERIC = /^[-+]?[0-9][0-9.,:_+\-TZ]*$|^\d+(?:ns|us|ms|s|m|h|d|w|y|ki|mi|gi|k|m|g)$/i;
const DOTTED_WORDS = /^[A-Za-z]+(?:[._][A-Za-z]+){1,}$/; // config keys, Java properties, package names

/** A segment of a name that is generated rather than a word: long and mixing letters and digits. */
function hasRandomSegment(v: string): boolean {
  return v.split(/[-.]/).some((seg) => seg.length >= 12 && /[a-z]/.test(seg) && /[0-9]/.test(seg));
}

const AWS_SECRET_NAME = /aws.?secret|secret.?access.?key/i;

/** True when a value under a secret-named key looks like a real credential. */
export function looksLikeSecretValue(raw: string): boolean {
  const v = raw.trim().replace(/^(["'])(.*)\1$/s, '$2');
  if (v.length < MIN_GENERIC || v.length > MAX_GENERIC) return false;
  if (/\s/.test(v)) return false;
  if (isPlaceholder(v)) return false;
  if (REFERENCE.test(v) || (DNS_NAME.test(v) && !hasRandomSegment(v)) || SLASH_PATH.test(v) || ENV_NAME.test(v) || NUMERIC.test(v) || DOTTED_WORDS.test(v)) return false;
  if (/^[A-Z]?[a-z]+$|^[A-Z]+$/.test(v) && v.length < 16) return false; // one word
  return shannonEntropy(v) >= ENTROPY_THRESHOLD && charClasses(v) >= 2;
}

/** Known formats anywhere in a text. */
export function formatHits(text: string): SecretHit[] {
  const t = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const out: SecretHit[] = [];
  for (const k of findPrivateKeys(t)) out.push({ rule: PRIVATE_KEY_RULE.id, title: PRIVATE_KEY_RULE.title, hint: `${k.type}*** (${k.length} chars)` });
  for (const rule of FORMAT_RULES) {
    rule.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.pattern.exec(t)) !== null) {
      if (m[0].length === 0) rule.pattern.lastIndex++;
      const secret = secretPart(rule, m);
      if (isPlaceholder(secret) || (rule.valid && !rule.valid(secret, m))) continue;
      out.push({ rule: rule.id, title: rule.title, hint: maskSecret(secret, rule.prefix) });
    }
  }
  out.push(...limitHits(text));
  return out;
}

/**
 * `key = value`, `key: value`, `"key": "value"` and `--flag value` inside a text (config files in
 * ConfigMaps, shell scripts in args): values of secret-named keys that look like credentials.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_.-])(-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,80})["']?[ \t]*(?:=|:(?!\/\/)|[ \t](?=[^-\s=:]))[ \t]*(?:"([^"\r\n]{0,256})"|'([^'\r\n]{0,256})'|([^\s"',;:}\]#&|)]{1,256}))/g;

export function assignmentHits(text: string): SecretHit[] {
  const t = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const out: SecretHit[] = [];
  ASSIGNMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ASSIGNMENT.exec(t)) !== null) {
    const key = m[1]!;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    // "key value" (no = or :) only for command-line flags.
    const sep = t.slice(m.index + key.length, m.index + m[0].length - value.length);
    if ((!/[=:]/.test(sep) && !key.startsWith('-')) || !isSecretKeyName(key) || !looksLikeSecretValue(value)) {
      // Not a secret assignment: resume right after the key, so a key inside this match's value is still seen.
      ASSIGNMENT.lastIndex = m.index + key.length;
      continue;
    }
    out.push({ rule: GENERIC_RULE.id, title: GENERIC_RULE.title, hint: maskSecret(value), key: key.replace(/^-+/, '') });
  }
  out.push(...limitHits(text));
  return out;
}

function dedupe(hits: SecretHit[]): SecretHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.rule}\u0000${h.hint}\u0000${h.key ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Secrets in one value stored under `key` (an env var name, a ConfigMap key, an annotation key):
 * known formats anywhere in it; the whole value when the key names a secret and the value looks
 * generated; and assignments inside multi-line or command-like text.
 */
export function scanValue(value: string, key?: string): SecretHit[] {
  const found = formatHits(value);
  const limit = found.filter(isLimit);
  const hits = found.filter((h) => !isLimit(h));
  // An AWS secret key has no prefix: its format is known only from the name it is stored under.
  if (hits.length === 0 && key !== undefined && AWS_SECRET_NAME.test(key) && /^[A-Za-z0-9/+]{40}$/.test(value.trim()) && shannonEntropy(value.trim()) >= 4) {
    hits.push({ rule: 'aws-secret-access-key', title: 'AWS secret access key', hint: maskSecret(value.trim()) });
  }
  if (hits.length === 0 && key !== undefined && isSecretKeyName(key) && looksLikeSecretValue(value)) {
    hits.push({ rule: GENERIC_RULE.id, title: GENERIC_RULE.title, hint: maskSecret(value.trim()) });
  }
  if (hits.length === 0 && /[=:\s]/.test(value)) hits.push(...assignmentHits(value).filter((h) => !isLimit(h)));
  // A limit is reported after any secret found before it.
  return dedupe([...hits, ...limit]);
}

/**
 * Secrets in a command line (container command + args): each argument as a value, and a
 * `--password` style flag followed by its value as a key/value pair.
 */
export function scanArgv(argv: readonly string[]): { index: number; hits: SecretHit[] }[] {
  const out: { index: number; hits: SecretHit[] }[] = [];
  argv.forEach((arg, index) => {
    const prev = index > 0 ? argv[index - 1]! : '';
    const flag = /^--?[A-Za-z][A-Za-z0-9_.-]*$/.test(prev) ? prev : undefined;
    const hits = scanValue(arg, flag);
    if (hits.length) out.push({ index, hits });
  });
  return out;
}
