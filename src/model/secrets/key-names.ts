/**
 * Whether a key (env var name, config key, CLI flag) names a secret. Keys are split into words
 * (camelCase, snake_case, kebab-case, dots), so `dbPassword`, `DB_PASSWORD`, `db.password` and
 * `--db-password` are all the word "password" after "db".
 */

/** Words that name a secret on their own. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'secrets', 'token', 'tokens', 'apikey', 'apitoken',
  'credential', 'credentials', 'creds', 'privatekey', 'secretkey', 'accesskey', 'authkey', 'clientsecret', 'webhook',
]);
/** Second words that, after one of these first words, name a secret: `api key`, `access key`, ... */
const KEY_PAIRS: Record<string, Set<string>> = {
  key: new Set(['api', 'access', 'private', 'secret', 'auth', 'signing', 'encryption', 'master', 'account', 'storage', 'license', 'shared', 'hmac', 'session', 'client', 'app', 'service', 'sas']),
  auth: new Set(['basic', 'http', 'registry']),
  sas: new Set([]),
};
/**
 * Last words that make the key about a secret rather than the secret itself: `passwordFile`,
 * `tokenPath`, `secretName`, `secretRef`, `tokenTTL`, `passwordMinLength`, ...
 */
const NOT_A_VALUE = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'directory', 'name', 'names', 'ref', 'refs', 'reference', 'enabled', 'enable',
  'disabled', 'disable', 'type', 'types', 'length', 'len', 'ttl', 'expiry', 'expiration', 'expires', 'lifetime', 'url',
  'uri', 'urls', 'endpoint', 'endpoints', 'header', 'headers', 'mount', 'location', 'id', 'ids', 'issuer', 'audience',
  'audiences', 'policy', 'policies', 'mode', 'format', 'min', 'max', 'minimum', 'maximum', 'count', 'size', 'version',
  'algorithm', 'algo', 'source', 'provider', 'selector', 'field', 'env', 'var', 'prefix', 'suffix', 'template', 'config',
  'configuration', 'timeout', 'interval', 'duration', 'period', 'refresh', 'rotation', 'store', 'namespace', 'key' /* secretKey of a secretKeyRef */,
  'keys', 'label', 'labels', 'annotation', 'annotations', 'regex', 'pattern', 'hash', 'digest', 'bits', 'strength',
  'required', 'optional', 'validation', 'validity', 'ca', 'cert', 'certificate', 'crt', 'pem', 'public', 'pub', 'command',
  'cmd', 'script', 'user', 'username', 'login', 'method', 'scope', 'scopes', 'kind', 'class', 'generator', 'manager',
  'controller', 'volume', 'secret' /* "kube secret": a name */, 'secrets', 'reviewer', 'request', 'requests', 'cache',
  'lookup', 'parameter', 'parameters', 'param', 'params', 'resource', 'resources', 'role', 'roles', 'account',
  'accounts', 'store', 'stores', 'storage', 'backend', 'plugin', 'host', 'port', 'auth', 'authentication', 'usage',
]);

/** Words that make any key about a derived value (checksums of a Secret, its hash), never the secret. */
const DERIVED = new Set(['checksum', 'hash', 'sha', 'sha1', 'sha256', 'sha512', 'md5', 'digest', 'fingerprint', 'hashed', 'encrypted', 'sealed']);

/** Strong secret words inside a run-together key. */
const JOINED = /(password|passwd|secret(?!s?name)|token|apikey|privatekey|accesskey|secretkey|accountkey|storagekey|authkey)(?!name|file|path|ref|url|id)/;

/** Words that make a cloud-prefixed key about a credential rather than one: `AZURE_KEY_VAULT_URL`, `AZURE_STORAGE_KEY_FILE`. */
const CLOUD_NOT_A_VALUE = new Set(['id', 'ids', 'name', 'path', 'file', 'url', 'uri', 'endpoint', 'vault', 'type', 'version', 'region', 'location', 'env', 'ref', 'fingerprint', 'length']);

/**
 * The cloud whose credential a key names, by the cloud SDKs' and CLIs' own variable names: `AZURE_<SERVICE>_KEY`
 * and `AZURE_<…>_SECRET` (AZURE_STORAGE_KEY, AZURE_BATCH_KEY, AZURE_CLIENT_SECRET), `OCI_CLI_KEY_CONTENT` and
 * the OCI CLI's passphrase. Undefined for anything else (AZURE_TENANT_ID, AZURE_KEY_VAULT_URL, OCI_CLI_KEY_FILE).
 */
export function cloudCredentialKey(key: string): string | undefined {
  const words = keyWords(key);
  if (words.length < 2 || words.some((w) => CLOUD_NOT_A_VALUE.has(w))) return undefined;
  const [first] = words;
  const last = words[words.length - 1]!;
  if ((first === 'azure' || first === 'az') && words.length >= 3 && (last === 'key' || last === 'secret')) return 'an Azure credential';
  if (first === 'oci') {
    const joined = words.slice(1).join('_');
    if (/(^|_)key_content$/.test(joined) || /(^|_)pass_?phrase$/.test(joined) || joined === 'private_key') return 'an Oracle Cloud (OCI) credential';
  }
  return undefined;
}

export function keyWords(key: string): string[] {
  return key
    .replace(/^-+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** True when the key names a secret value (password, token, api key, client secret, ...). */
export function isSecretKeyName(key: string): boolean {
  const words = keyWords(key);
  if (words.length === 0) return false;
  const last = words[words.length - 1]!;
  if (words.some((w) => DERIVED.has(w))) return false;
  if (cloudCredentialKey(key) !== undefined) return true;
  // One run-together word (k8svaultapikey, azurestorageaccountkey): look for the strong words inside it.
  if (words.length === 1 && JOINED.test(last)) return true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    const pairOk = next !== undefined && KEY_PAIRS[next]?.has(w) === true;
    if (!SECRET_WORDS.has(w) && !pairOk) continue;
    // The secret word or pair ends the key, or only value-neutral words follow it.
    const endsAt = pairOk ? i + 1 : i;
    if (endsAt === words.length - 1 || !NOT_A_VALUE.has(last)) return true;
  }
  return false;
}
