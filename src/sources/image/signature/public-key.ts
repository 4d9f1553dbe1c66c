import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** A public key file that cannot be used to verify signatures (not PEM, a private key, an unsupported type). */
export class SignatureKeyError extends Error {}

export interface VerificationKey {
  key: KeyObject;
  /** How signatures are checked with this key, e.g. `ECDSA P-256 SHA-256`. */
  algorithm: string;
}

const CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/**
 * Load a PEM public key (cosign.pub: `PUBLIC KEY`, SPKI; also PKCS#1 `RSA PUBLIC KEY`). The hash is SHA-256 for
 * every key type, as cosign and containers/image fix it for key-based signatures; RSA is PKCS#1 v1.5, ECDSA
 * signatures are ASN.1 DER, ed25519 signs the payload itself.
 */
export function loadPublicKey(pem: string): VerificationKey {
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)?.[1];
  if (!label) throw new SignatureKeyError('the key file is not PEM (expected -----BEGIN PUBLIC KEY-----, e.g. cosign.pub)');
  if (label.includes('PRIVATE KEY')) throw new SignatureKeyError(`the key file holds a private key (${label}); pass the public key (cosign.pub)`);
  if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') throw new SignatureKeyError(`unsupported PEM block "${label}" (expected PUBLIC KEY)`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw new SignatureKeyError(`cannot read the public key: ${(err as Error).message}`);
  }
  switch (key.asymmetricKeyType) {
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
      if (!CURVES[curve]) throw new SignatureKeyError(`unsupported EC curve ${curve || '(unknown)'}`);
      return { key, algorithm: `ECDSA ${CURVES[curve]} SHA-256` };
    }
    case 'rsa':
      if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new SignatureKeyError(`RSA key of ${key.asymmetricKeyDetails?.modulusLength} bits is too small (at least 2048)`);
      return { key, algorithm: `RSA-${key.asymmetricKeyDetails!.modulusLength} PKCS#1 v1.5 SHA-256` };
    case 'ed25519':
      return { key, algorithm: 'Ed25519' };
    default:
      throw new SignatureKeyError(`unsupported key type ${key.asymmetricKeyType ?? '(unknown)'} (ECDSA, RSA and Ed25519 are supported)`);
  }
}

/** True when `signature` is a valid signature of `payload` by `k`. Malformed signatures are false, never a throw. */
export function verifyPayloadSignature(k: VerificationKey, payload: Buffer, signature: Buffer): boolean {
  try {
    switch (k.key.asymmetricKeyType) {
      case 'ed25519':
        return verify(null, payload, k.key, signature);
      case 'rsa':
        return verify('sha256', payload, { key: k.key, padding: constants.RSA_PKCS1_PADDING }, signature);
      default:
        return verify('sha256', payload, { key: k.key, dsaEncoding: 'der' }, signature);
    }
  } catch {
    return false;
  }
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 with padding (what Go's base64.StdEncoding accepts; line breaks are ignored as it does). */
export function decodeBase64Strict(s: string): Buffer | undefined {
  const t = s.replace(/[\r\n]/g, '');
  return t.length > 0 && STRICT_BASE64.test(t) ? Buffer.from(t, 'base64') : undefined;
}
