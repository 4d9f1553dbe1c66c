import { formatHits, LIMIT_RULE, looksLikeSecretValue, scanValue, type SecretHit } from './detect.js';
import { isSecretKeyName } from './key-names.js';
import { maskSecret } from './mask.js';
import { isPlaceholder } from './placeholder.js';

// A Secret's values may hold JSON that holds a Secret: the two walks (secretObjectHits, scanJson) recurse into
// each other, so they live in one module.

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const MAX_NODES = 20000;

/** Keys of a Secret that hold public or identifying data, not a credential (their values are still scanned for known formats). */
const PUBLIC_KEY = /^(ca\.crt|tls\.crt|.*\.(crt|cer|pub|csr)|ca|ca[-_]?bundle|username|user|user[-_]?name|login|host|hostname|port|database|db|db[-_]?name|dbname|namespace|region|endpoint|server|url|email|account|account[-_]?id|client[-_]?id|project[-_]?id|bucket)$/i;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
const CERT_ONLY = /^\s*(-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\s*)+$/;

export const COMMITTED_RULE = { id: 'committed-secret-value', title: 'Value of a committed Secret' } as const;

/** Decoded text of a `data` value; undefined when it is not base64 (the API server would reject it). */
export function decodeData(v: string): { text: string; binary: boolean } | undefined {
  if (!BASE64.test(v)) return undefined;
  const buf = Buffer.from(v.replace(/\s+/g, ''), 'base64');
  const text = buf.toString('utf8');
  // Binary when the bytes are not UTF-8 text (replacement characters) or hold control characters.
  const binary = text.includes('\uFFFD') || /[\u0000-\u0008\u000e-\u001f]/.test(text);
  return { text, binary };
}

/** Keys whose value must be a private key: anything else there is a stand-in (`tls.key: dGxzLWtleQ==`). */
const PRIVATE_KEY_KEY = /^(tls\.key|.*\.key|ssh[-_]?privatekey|id_(rsa|dsa|ecdsa|ed25519)|.*private[-_]?key|.*\.pem)$/i;
/** Whole config files stored in a Secret: judged by what they contain, not as one value. */
const CONFIG_FILE = /\.(ya?ml|json|ini|conf|cfg|toml|properties|env|xml|txt|sh)$|^\.docker(cfg|configjson)$/i;
/** A sentence, not a credential ("shhh! it's a GitHub secret"). */
const PROSE = /^[A-Za-z][A-Za-z!?,.'’:-]*(?: [A-Za-z!?,.'’:-]+){2,}$/;

function judge(key: string, text: string, binary: boolean, rawLength: number): SecretHit[] {
  if (binary) return PRIVATE_KEY_KEY.test(key) || isSecretKeyName(key) ? [{ rule: COMMITTED_RULE.id, title: COMMITTED_RULE.title, hint: `binary value (${rawLength} bytes)` }] : [];
  const t = text.trim();
  if (t.length === 0 || isPlaceholder(t)) return [];
  const embedded = parseEmbeddedJson(t);
  if (embedded !== undefined) return scanJson(embedded).map((l) => l.hit);
  const known = formatHits(t);
  if (known.length) return known;
  if (CONFIG_FILE.test(key) || t.includes('\n')) return scanValue(t);
  if (PUBLIC_KEY.test(key) || CERT_ONLY.test(t) || PRIVATE_KEY_KEY.test(key) || PROSE.test(t)) return [];
  const named = isSecretKeyName(key) && t.length >= 4;
  if (!named && !looksLikeSecretValue(t)) return [];
  return [{ rule: COMMITTED_RULE.id, title: COMMITTED_RULE.title, hint: maskSecret(t) }];
}

/**
 * The values of a Secret object that are real-looking credentials: `data` (base64-decoded) and
 * `stringData`. Empty, templated and placeholder values are not; public keys (ca.crt, username,
 * host...) only when they hold a known secret format.
 */
export function secretObjectHits(secret: Record<string, unknown>): { pointer: string; key: string; hit: SecretHit }[] {
  const out: { pointer: string; key: string; hit: SecretHit }[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const m = secret[field];
    if (typeof m !== 'object' || m === null || Array.isArray(m)) continue;
    for (const [key, v] of Object.entries(m as Record<string, unknown>)) {
      if (typeof v !== 'string') continue;
      let hits: SecretHit[];
      if (field === 'data') {
        // A template in place of the base64 text ({{ .Values.x | b64enc }}) is not a value.
        if (isPlaceholder(v)) continue;
        const d = decodeData(v);
        hits = d ? judge(key, d.text, d.binary, Buffer.byteLength(d.text)) : judge(key, v, false, v.length);
      } else hits = judge(key, v, false, v.length);
      for (const hit of hits) out.push({ pointer: `/${field}/${esc(key)}`, key, hit });
    }
  }
  return out;
}

export interface LocatedHit {
  /** JSON pointer inside the walked value ("" is the value itself). */
  pointer: string;
  hit: SecretHit;
}

/**
 * Secrets anywhere in a JSON value (an object embedded in an annotation, a CRD's spec): every
 * string, keyed by its property name; in `{name, value}` pairs (env lists) keyed by the name. An
 * embedded Secret object is judged as a committed Secret.
 */
export function scanJson(root: unknown): LocatedHit[] {
  const out: LocatedHit[] = [];
  let nodes = 0;
  const visit = (v: unknown, pointer: string, key: string | undefined): void => {
    if (++nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) out.push({ pointer: '', hit: { rule: LIMIT_RULE.id, title: LIMIT_RULE.title, hint: `only the first ${MAX_NODES} values were scanned` } });
      return;
    }
    if (typeof v === 'string') {
      for (const hit of scanValue(v, key)) out.push({ pointer, hit });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, `${pointer}/${i}`, key));
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (o.kind === 'Secret' && (typeof o.data === 'object' || typeof o.stringData === 'object')) {
      for (const h of secretObjectHits(o)) out.push({ pointer: pointer + h.pointer, hit: h.hit });
      return;
    }
    if (o.type === 'service_account' && typeof o.private_key === 'string' && typeof o.private_key_id === 'string' && /^[0-9a-f]{40}$/.test(o.private_key_id)) {
      out.push({ pointer: `${pointer}/private_key_id`, hit: { rule: 'gcp-service-account', title: 'Google Cloud service account key (JSON)', hint: maskSecret(o.private_key_id) } });
    }
    const pairName = typeof o.name === 'string' && typeof o.value === 'string' ? o.name : undefined;
    for (const [k, child] of Object.entries(o)) visit(child, `${pointer}/${esc(k)}`, k === 'value' && pairName !== undefined ? pairName : k);
  };
  visit(root, '', undefined);
  return out;
}

/** A string that holds JSON (kubectl's last-applied-configuration): its parsed value, else undefined. */
export function parseEmbeddedJson(s: string): unknown {
  const t = s.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

