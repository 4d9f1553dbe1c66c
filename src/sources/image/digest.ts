import { createHash } from 'node:crypto';
import { ImageError, ImageIntegrityError } from './types.js';

const DIGEST = /^(sha256|sha512):([a-f0-9]+)$/;

export function parseDigest(d: string): { algorithm: 'sha256' | 'sha512'; hex: string } {
  const m = DIGEST.exec(d);
  if (!m || (m[1] === 'sha256' && m[2]!.length !== 64) || (m[1] === 'sha512' && m[2]!.length !== 128)) {
    throw new ImageError(`invalid digest "${d}"`);
  }
  return { algorithm: m[1] as 'sha256' | 'sha512', hex: m[2]! };
}

export function digestOf(data: Buffer, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** Throws when `data` does not have the `expected` digest (and size, when given). */
export function verifyBlob(data: Buffer, expected: string, size?: number, what = 'blob'): void {
  const { algorithm } = parseDigest(expected);
  if (size !== undefined && data.length !== size) throw new ImageIntegrityError(`${what} ${expected}: size ${data.length}, descriptor says ${size}`);
  const got = digestOf(data, algorithm);
  if (got !== expected) throw new ImageIntegrityError(`${what} digest mismatch: expected ${expected}, got ${got}`);
}
