import type { Inventory } from '../../model/inventory.js';
import { isSecretKeyName, secretObjectHits } from '../../model/secrets/index.js';
import type { SecretUse } from './secrets-held.js';

/** Secret types that are credentials by definition, whatever their values look like. */
const CREDENTIAL_TYPES: ReadonlySet<string> = new Set([
  'kubernetes.io/tls',
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/dockercfg',
  'kubernetes.io/service-account-token',
  'kubernetes.io/basic-auth',
  'kubernetes.io/ssh-auth',
  'bootstrap.kubernetes.io/token',
]);

const keysOf = (v: unknown): string[] => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : []);

/**
 * Whether what a pod takes from a Secret (`use`, in `namespace`) may be a credential. Yes unless the Secret is among
 * the scanned objects, of a type that is not a credential by definition (Opaque...), with data, and none of the
 * keys taken is named like a credential (password, token, apiKey...) nor holds a value the secret detection
 * (src/model/secrets) reads as one. A Secret the input lacks, or one without data (filled at run time), stays a
 * credential: its data cannot be seen.
 */
export function secretUseHoldsCredential(inventory: Inventory, namespace: string | undefined, use: SecretUse): boolean {
  const secret = inventory.get('Secret', namespace, use.secret);
  if (!secret) return true;
  const type = typeof secret.raw.type === 'string' && secret.raw.type !== '' ? secret.raw.type : 'Opaque';
  if (CREDENTIAL_TYPES.has(type)) return true;
  const present = new Set([...keysOf(secret.raw.data), ...keysOf(secret.raw.stringData)]);
  if (present.size === 0) return true;
  const taken = use.keys ?? [...present];
  // A key the Secret does not show: its value cannot be judged.
  if (taken.some((k) => !present.has(k) || isSecretKeyName(k))) return true;
  const wanted = new Set(taken);
  return secretObjectHits(secret.raw).some((h) => wanted.has(h.key));
}
