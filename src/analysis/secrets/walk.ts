import { isPlaceholder } from './placeholder.js';
import { LIMIT_RULE, scanValue, type SecretHit } from './detect.js';
import { maskSecret } from './mask.js';
import { secretObjectHits } from './secret-object.js';


export interface LocatedHit {
  /** JSON pointer inside the walked value ("" is the value itself). */
  pointer: string;
  hit: SecretHit;
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const MAX_NODES = 20000;

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

