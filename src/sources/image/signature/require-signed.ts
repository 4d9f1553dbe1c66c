import { loadPublicKey } from './public-key.js';
import { verifyImageSignature, type ImageSignatureResult, type VerifyImageOptions } from './verify-image.js';

export interface SignedVerdict {
  image: string;
  /** True when the image carries a signature by the key over its manifest digest. */
  allowed: boolean;
  /** The image-level reason (also when the registry could not be read). */
  reason: string;
  /** The full verification, when the registry answered. */
  result?: ImageSignatureResult;
}

export type RequireSignedHook = (image: string) => Promise<SignedVerdict>;

/**
 * The `--require-signed KEY` policy hook: load the public key once (throws SignatureKeyError now, so a bad key
 * is a usage error before any image is read) and return a function that decides each image. Registry errors
 * become a not-allowed verdict with the error as reason (policy fails closed); results are cached per
 * reference, so an image used by many workloads is checked once.
 */
export function requireSignedPolicy(keyPem: string, opts: Omit<VerifyImageOptions, 'key'> = {}): RequireSignedHook {
  const key = loadPublicKey(keyPem);
  const cache = new Map<string, Promise<SignedVerdict>>();
  return (image: string) => {
    let v = cache.get(image);
    if (!v) {
      v = verifyImageSignature(image, { ...opts, key }).then(
        (result) => ({ image, allowed: result.verified, reason: result.reason, result }),
        (err: Error) => ({ image, allowed: false, reason: `signature not checked: ${err.message}` }),
      );
      cache.set(image, v);
    }
    return v;
  };
}
