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
  if (isServingCertificate(use, secret?.raw.type)) return false;
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

const TLS_KEYS: ReadonlySet<string> = new Set(['tls.crt', 'tls.key', 'ca.crt']);
const CERT_NAME = /(?:^|[-_.])(?:tls|certs?|certificates?|webhook-certs?|serving-certs?)$/i;

/**
 * A volume of TLS serving material (a webhook's or a gRPC server's certificate): the volume takes only `tls.crt`,
 * `tls.key` and `ca.crt`, or (taking every key) the volume or the Secret is named like one (`…-tls`, `…-certs`,
 * `certificates`, `webhook-cert`) and the Secret, when the input has it, is of type kubernetes.io/tls or Opaque. It
 * authenticates the workload to in-cluster clients: stolen, it buys nothing outside the cluster, so it does not
 * make its holder a secret holder for internet egress. Env references are never serving material.
 */
export function isServingCertificate(use: SecretUse, type: unknown): boolean {
  if (use.volume === undefined) return false;
  if (type !== undefined && type !== 'kubernetes.io/tls' && type !== 'Opaque' && type !== '') return false;
  if (use.keys) return use.keys.length > 0 && use.keys.every((k) => TLS_KEYS.has(k));
  return CERT_NAME.test(use.volume) || CERT_NAME.test(use.secret);
}
