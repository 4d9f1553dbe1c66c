import { generateKeyPairSync, randomBytes, scryptSync, type KeyObject } from 'node:crypto';
import nacl from 'tweetnacl';

/*
 * Test helper: a signing key pair in cosign's files. The private key is cosign's encrypted format (what
 * `cosign generate-key-pair` writes and what containers/image — skopeo --sign-by-sigstore-private-key — reads):
 * a PEM block whose body is the JSON envelope of go-tuf's / securesystemslib's `encrypted` package,
 *   {"kdf":{"name":"scrypt","params":{"N":32768,"r":8,"p":1},"salt":B64},"cipher":{"name":"nacl/secretbox","nonce":B64},"ciphertext":B64}
 * where the secretbox key is scrypt(passphrase, salt, N, r, p, 32 bytes), salt is 32 random bytes, nonce 24, and
 * the plaintext is the PKCS#8 DER private key. Go marshals []byte as standard base64 with padding.
 */
export interface CosignKeyPair {
  /** PEM `ENCRYPTED COSIGN PRIVATE KEY` (containers/image 5.2x accepts only this type). */
  privatePem: string;
  /** PEM `PUBLIC KEY` (SPKI), what cosign writes as cosign.pub. */
  publicPem: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

const SCRYPT = { N: 32768, r: 8, p: 1 } as const;

function pem(type: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${type}-----\n${b64}-----END ${type}-----\n`;
}

/** Encrypt a PKCS#8 DER key the way cosign does. */
export function encryptCosignKey(pkcs8: Buffer, passphrase: string, pemType = 'ENCRYPTED COSIGN PRIVATE KEY'): string {
  const salt = randomBytes(32);
  const nonce = randomBytes(24);
  const key = scryptSync(Buffer.from(passphrase, 'utf8'), salt, 32, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 });
  const box = nacl.secretbox(new Uint8Array(pkcs8), new Uint8Array(nonce), new Uint8Array(key));
  const envelope = {
    kdf: { name: 'scrypt', params: { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(box).toString('base64'),
  };
  return pem(pemType, Buffer.from(JSON.stringify(envelope)));
}

/** Decrypt (for the helper's own test): the inverse of encryptCosignKey. */
export function decryptCosignKey(privatePem: string, passphrase: string): Buffer {
  const body = privatePem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  const env = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as { kdf: { params: { N: number; r: number; p: number }; salt: string }; cipher: { nonce: string }; ciphertext: string };
  const { N, r, p } = env.kdf.params;
  const key = scryptSync(Buffer.from(passphrase, 'utf8'), Buffer.from(env.kdf.salt, 'base64'), 32, { N, r, p, maxmem: 64 * 1024 * 1024 });
  const out = nacl.secretbox.open(new Uint8Array(Buffer.from(env.ciphertext, 'base64')), new Uint8Array(Buffer.from(env.cipher.nonce, 'base64')), new Uint8Array(key));
  if (!out) throw new Error('wrong passphrase or corrupt key');
  return Buffer.from(out);
}

export type KeyKind = 'ec' | 'rsa' | 'ed25519';

export function generateCosignKeyPair(passphrase: string, kind: KeyKind = 'ec'): CosignKeyPair {
  const { publicKey, privateKey } = kind === 'ec'
    ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    : kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  return {
    privatePem: encryptCosignKey(pkcs8, passphrase),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    publicKey,
    privateKey,
  };
}
