// The one redaction every user-visible text goes through before it leaves kubeward: finding messages
// and evidence that echo input, warnings, parse errors, `fix` notes and diffs. A value any secret
// check would treat as a credential is replaced by its masked hint (`ghp_*** (40 chars)`). Pure.
//
// The detection primitives are the secret checks' own (model/secrets: pure leaf modules with no
// imports outside their folder), so what a check flags is exactly what is masked here.
import { looksLikeSecretValue, scanValue } from './secrets/detect.js';
import { isSecretKeyName } from './secrets/key-names.js';
import { maskSecret } from './secrets/mask.js';
import { isPlaceholder } from './secrets/placeholder.js';
import { FORMAT_RULES, secretPart } from './secrets/rules.js';

/** Texts longer than this are not echoed at all (a message never needs a megabyte of input). */
const MAX_REDACT = 1 << 20;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*)-----[\s\S]*?(?:-----END \1-----|$)/g;
/** `key=value`, `key: value`, `"key": "value"`, `--key value`: the value is masked when the key names a secret and the value looks generated. */
const ASSIGNMENT = /(?<![A-Za-z0-9_.-])(-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,80})(["']?[ \t]*(?:=|:(?!\/\/)|[ \t](?=[^-\s=:]))[ \t]*)(?:"([^"\r\n]{0,256})"|'([^'\r\n]{0,256})'|([^\s"',;:}\]#&|)]{1,256}))/g;

function replaceKnown(text: string, known: Iterable<string>): string {
  const values = [...new Set(known)].filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  let out = text;
  for (const v of values) if (out.includes(v)) out = out.split(v).join(maskSecret(v));
  return out;
}

const RULES = FORMAT_RULES.map((rule) => ({ rule, re: new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : rule.pattern.flags + 'g') }));

/**
 * A cheap superset of what any format rule needs (its fixed prefix or anchor), so most texts skip the
 * rules. Kept in step with model/secrets/rules.ts: a rule whose anchor is not here is always run.
 */
const ANCHORS: Record<string, RegExp> = {
  'gcp-service-account': /service_account/,
  'aws-access-key-id': /A(?:KIA|SIA|BIA|CCA|GPA|IDA|ROA|NPA|NVA|IPA)/,
  'aws-secret-access-key': /secret/i,
  'azure-storage-key': /AccountKey=/,
  'azure-sas-key': /SharedAccessKey=/,
  'github-token': /gh[pousr]_|github_pat_/,
  'gitlab-token': /glpat-/,
  'slack-token': /xox[abposr]-/,
  'slack-webhook': /hooks\.slack\.com/,
  'stripe-key': /[sr]k_(?:live|test)_/,
  'sendgrid-key': /SG\./,
  'twilio-key': /SK[0-9a-f]/,
  'npm-token': /npm_|_authToken/,
  jwt: /eyJ/,
  'database-url-password': /:\/\//,
  'url-basic-auth': /:\/\//,
};

function replaceFormats(text: string): string {
  let out = text.includes('PRIVATE KEY') ? text.replace(PEM_BLOCK, (_m, type: string) => `-----BEGIN ${type}----- *** -----END ${type}-----`) : text;
  for (const { rule, re } of RULES) {
    if (ANCHORS[rule.id]?.test(out) === false) continue;
    re.lastIndex = 0;
    let result = '';
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(out)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const secret = secretPart(rule, m);
      if (!secret || isPlaceholder(secret) || (rule.valid && !rule.valid(secret, m))) continue;
      result += out.slice(last, m.index) + m[0].split(secret).join(maskSecret(secret, rule.prefix));
      last = m.index + m[0].length;
    }
    out = result + out.slice(last);
  }
  return out;
}

/** `Kind/namespace/name` or `Kind/name`: an object reference kubeward writes itself, not a value. */
const OBJECT_REF = /^[A-Z][A-Za-z0-9]*\/[a-z0-9.-]+(?:\/[a-z0-9.*-]+)?$/;

/** Every secret key name holds one of these (see model/secrets/key-names.ts): a cheap test first. */
const SECRET_WORD = /pass|pwd|secret|token|key|cred|webhook|auth/i;

/** Word starts that could be a key; only those holding a secret word are tried as an assignment. */
const KEY_START = /(?<![A-Za-z0-9_.-])-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,80}/g;
const ASSIGNMENT_AT = new RegExp(ASSIGNMENT.source, 'y');

function replaceAssignments(text: string): string {
  if (!SECRET_WORD.test(text)) return text;
  let result = '';
  let last = 0;
  KEY_START.lastIndex = 0;
  let k: RegExpExecArray | null;
  while ((k = KEY_START.exec(text)) !== null) {
    if (!SECRET_WORD.test(k[0])) continue;
    ASSIGNMENT_AT.lastIndex = k.index;
    const m = ASSIGNMENT_AT.exec(text);
    if (!m) continue;
    const [whole, key = '', sep = '', dq, sq, bare] = m;
    const value = dq ?? sq ?? bare ?? '';
    // Not a secret assignment: go on with the next word (a key inside this value is still seen).
    if ((!/[=:]/.test(sep) && !key.startsWith('-')) || !isSecretKeyName(key) || OBJECT_REF.test(value) || !looksLikeSecretValue(value)) continue;
    const quote = dq !== undefined ? '"' : sq !== undefined ? "'" : '';
    result += text.slice(last, m.index) + whole.slice(0, whole.length - value.length - quote.length) + maskSecret(value) + quote;
    last = m.index + whole.length;
    KEY_START.lastIndex = last;
  }
  return result + text.slice(last);
}

/**
 * `text` with every secret in it masked: the `known` values (exact occurrences: values a check flagged
 * elsewhere, whose key is not in this text), every known secret format, PEM private keys, and
 * `key=value` / `key: value` / `--flag value` assignments of secret-named keys. Idempotent.
 */
export function redact(text: string, known: Iterable<string> = []): string {
  if (text.length > MAX_REDACT) return `${text.slice(0, 64).replace(/[^\x20-\x7e]/g, '?')}… (${text.length} characters, not shown)`;
  return replaceAssignments(replaceFormats(replaceKnown(text, known)));
}

/**
 * A value echoed from input under `key` (an annotation, an env var, a flag): masked whole when the
 * secret checks would flag it under that key, else redacted as any text.
 */
export function redactValue(value: string, key?: string): string {
  if (value.length <= MAX_REDACT && key !== undefined) {
    // Flagged whole because of the key it sits under (a generic high-entropy value, an AWS secret key).
    const whole = scanValue(value, key).some((h) => h.key === undefined && (h.rule === 'secret-key-value' || h.rule === 'aws-secret-access-key'));
    if (whole) return maskSecret(value.trim());
  }
  return redact(value);
}

/**
 * A piece of input quoted where its key is not known (a token in a parse error): masked when it could
 * be a credential under a secret-named key (long, random-looking), else redacted as text.
 */
export function redactExcerpt(excerpt: string): string {
  const core = excerpt.replace(/^[*&|>!%@`'"]+/, '');
  if (looksLikeSecretValue(core)) return excerpt.slice(0, excerpt.length - core.length) + maskSecret(core);
  return redact(excerpt);
}

/**
 * A message that quotes input without saying which part (a parser's error): every word that could be
 * a credential is masked (see redactExcerpt), after redact().
 */
export function redactWords(message: string): string {
  return redact(message).replace(/[^\s"'`,;()[\]{}]+/g, (word) => {
    const core = word.replace(/[:.]+$/, '');
    if (core.includes('***')) return word;
    return redactExcerpt(core) + word.slice(core.length);
  });
}
