/**
 * Whether a ConfigMap key names a credential, and whether its value could be one. Key names are
 * split into words (camelCase, snake_case, kebab-case, dotted, env-style upper case) and compared
 * word by word, so "DB_PASSWORD", "dbPassword" and "db.password" match and "passwordPolicy" or
 * "token_ttl" do not.
 */

/** Words (or adjacent word pairs) that name a credential when they end the key. */
const CREDENTIAL_WORDS = new Set([
  'password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials',
  'privatekey', 'accesskey', 'secretkey', 'clientsecret', 'authtoken', 'bearertoken', 'accesstoken',
  'refreshtoken', 'sessiontoken', 'apitoken', 'connectionstring', 'dsn',
]);
/** Two-word endings: "api key", "private key", "access key", "secret key", "signing key", "encryption key". */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'signing', 'encryption', 'master', 'client', 'auth', 'app']);
/** Words that, anywhere in the key, say it is about a credential rather than holding one. */
const NOT_A_VALUE = new Set([
  'file', 'path', 'dir', 'name', 'ref', 'url', 'uri', 'endpoint', 'length', 'min', 'max', 'policy', 'expiry',
  'expiration', 'ttl', 'timeout', 'enabled', 'enable', 'disabled', 'type', 'header', 'field', 'env', 'source',
  'mount', 'location', 'format', 'mode', 'regex', 'pattern', 'hash', 'algorithm', 'id', 'key', 'store', 'provider',
  'required', 'count', 'lifetime', 'duration', 'age', 'rotation', 'prefix', 'suffix', 'template', 'cmd', 'command',
  'reset', 'validity', 'rule', 'rules', 'strength', 'complexity', 'version', 'kind', 'secrets', 'namespace',
]);

/** "dbPassword" → ["db", "password"]; "AWS_SECRET_ACCESS_KEY" → ["aws", "secret", "access", "key"]: the secret scanner's own split. */
export { keyWords } from '../../model/secrets/key-names.js';
import { cloudCredentialKey, keyWords } from '../../model/secrets/key-names.js';
import { looksLikeSecretValue } from '../../model/secrets/detect.js';

/** True when the key names a credential (see the word lists above). */
export function isCredentialKey(key: string): boolean {
  const words = keyWords(key);
  if (words.length === 0) return false;
  if (cloudCredentialKey(key) !== undefined) return true;
  const last = words[words.length - 1]!;
  const prev = words.length > 1 ? words[words.length - 2]! : '';
  const ending = last === 'key' && KEY_QUALIFIERS.has(prev) ? 2 : CREDENTIAL_WORDS.has(last) || CREDENTIAL_WORDS.has(prev + last) ? 1 : 0;
  if (ending === 0) return false;
  // "password_file", "token_ttl": about a credential. "api-token-secret-key", "db_password_secret": a
  // reference to where a credential is kept (a Secret's name or key), not the credential.
  const before = words.slice(0, -ending);
  const namesASecret = words[words.length - ending] === 'secret';
  return !before.some((w) => NOT_A_VALUE.has(w) || (namesASecret && CREDENTIAL_WORDS.has(w)));
}

const PLACEHOLDER = [
  /^\s*$/,
  /^(?:changeme|change[-_ ]?me|replace[-_ ]?me|placeholder|todo|tbd|none|null|nil|undefined|empty|secret|password|token|example|dummy|xxx+|\*+|-+|\.+|\?+|<[^>]*>|\[[^\]]*\])$/i,
  /^\$\{[^}]*\}$/, // ${VAR}
  /^\$\([^)]*\)$/, // $(VAR)
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\{\{.*\}\}$/s, // {{ template }}
  /^%[A-Za-z_]+%$/, // %VAR%
  /^(?:true|false|yes|no|on|off|\d{1,6})$/i,
  /^(?:\/|\.\/|~\/)[^\s]*$/, // a file path
  /^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i, // a URL without userinfo
  /^(?:your|my|some|insert|enter|put)[-_ ]/i,
];

/** True when the value could be a real credential: not empty, not a placeholder, reference, flag, path or plain URL. */
export function isCredentialValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 4 || /\n/.test(v)) return false;
  return !PLACEHOLDER.some((p) => p.test(v));
}

const PEM_PRIVATE_KEY = /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END [A-Z0-9 ]*PRIVATE KEY-----$/;

/**
 * For a key that names a cloud credential (cloudCredentialKey): a whole PEM private key (OCI_CLI_KEY_CONTENT holds
 * one), or a one-line value that is no placeholder and looks generated (the secret scanner's entropy test), so
 * instructions ("Copy the private key here"), CI references (`\${{ secrets.KEY }}`) and Terraform references
 * (`var.private_key_content`) stay quiet.
 */
export function isCloudCredentialValue(value: string): boolean {
  const v = value.trim();
  return PEM_PRIVATE_KEY.test(v) || (isCredentialValue(v) && looksLikeSecretValue(v));
}

/** A hint that never reveals the value: its length only. */
export function maskedHint(value: string): string {
  return `<${value.trim().length} characters, not shown>`;
}
