import type { ObjectRef } from './finding.js';
import { apiGroup } from './kinds.js';

/**
 * A 128-bit non-cryptographic hash (four 32-bit lanes, multiply-xorshift mixing, as in the
 * cyrb/murmur family), as 32 hex digits. Fingerprints identify findings, they protect nothing, and
 * a scan makes hundreds of thousands of them: this is ~10× cheaper than node:crypto per call.
 */
export function hash128(text: string): string {
  let h1 = 0x9e3779b1, h2 = 0x85ebca77, h3 = 0xc2b2ae3d, h4 = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return hex32(h1) + hex32(h2) + hex32(h3) + hex32(h4);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return HEX_BYTE[(n >>> 24) & 255]! + HEX_BYTE[(n >>> 16) & 255]! + HEX_BYTE[(n >>> 8) & 255]! + HEX_BYTE[n & 255]!;
}

/**
 * A finding's identity across runs: the check, the object (group, kind, namespace, name) and the
 * field path. Line numbers and file names are left out so moving or reformatting a manifest keeps
 * the fingerprint; findings without an object fall back to file and document.
 */
export function fingerprint(checkId: string, object: ObjectRef | undefined, path: string, fallback?: string): string {
  const identity = object
    ? apiGroup(object.apiVersion) + '\u0000' + object.kind + '\u0000' + (object.namespace ?? '') + '\u0000' + object.name
    : (fallback ?? '');
  return hash128(checkId + '\u0001' + identity + '\u0001' + path);
}
