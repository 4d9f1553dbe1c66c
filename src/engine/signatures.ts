import { readFileSync } from 'node:fs';
import { loadPublicKey, SignatureKeyError, type VerificationKey } from '../sources/image/signature/public-key.js';
import { requireSignedPolicy, type RequireSignedHook } from '../sources/image/signature/require-signed.js';
import { RequestError } from './errors.js';

function readPem(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new RequestError(`cannot read the key ${path}: ${(err as Error).message}`);
  }
}

function asRequestError<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SignatureKeyError) throw new RequestError(`${path}: ${err.message}`);
    throw err;
  }
}

/** Read and parse a public key file; every problem is a RequestError. */
export function readKeyFile(path: string): VerificationKey {
  const pem = readPem(path);
  return asRequestError(path, () => loadPublicKey(pem));
}

/** A public key file → the require-signed policy hook (a key problem is a RequestError before any image is read). */
export function requireSignedHook(path: string, opts: { insecure?: boolean } = {}): RequireSignedHook {
  const pem = readPem(path);
  return asRequestError(path, () => requireSignedPolicy(pem, opts.insecure ? { insecure: true } : {}));
}
