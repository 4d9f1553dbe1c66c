import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new API token: `kw_` + 32 random bytes, base64url. Shown once; only its SHA-256 is stored. */
export function newToken(): string {
  return 'kw_' + randomBytes(32).toString('base64url');
}

/** A new session id for the login cookie (opaque; stored hashed like tokens). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
