import type { ObjectRef } from './object-ref.js';
import { apiGroup } from './kinds.js';

/*
 * A 128-bit non-cryptographic hash (four 32-bit lanes, multiply-xorshift mixing, as in the
 * cyrb/murmur family), as 32 hex digits. Fingerprints identify findings, they protect nothing, and
 * a scan makes hundreds of thousands of them, so the hash is incremental: the state after an
 * object's identity is computed once and every finding on that object continues from it.
 */

/** Hash state: four 32-bit lanes. */
export type HashState = readonly [number, number, number, number];

const INITIAL: HashState = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f];

// The lanes being mixed (module scope: the hot path allocates nothing but its result).
let h1 = 0, h2 = 0, h3 = 0, h4 = 0;

function load(state: HashState): void {
  [h1, h2, h3, h4] = state;
}

/** Mix one string and a separator into the lanes. */
function mix(text: string): void {
  for (let i = 0; i <= text.length; i++) {
    const k = i < text.length ? text.charCodeAt(i) : 0x10000; // separator: no char code collides
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
}

/** The state after absorbing `parts` (each followed by a separator) into `from`. */
export function absorb(from: HashState, ...parts: string[]): HashState {
  load(from);
  for (const p of parts) mix(p);
  return [h1, h2, h3, h4];
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return HEX_BYTE[(n >>> 24) & 255]! + HEX_BYTE[(n >>> 16) & 255]! + HEX_BYTE[(n >>> 8) & 255]! + HEX_BYTE[n & 255]!;
}

/** Final avalanche of the lanes, as 32 hex digits. */
function finish(): string {
  let a = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  const b = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  const c = Math.imul(a ^ (h3 >>> 17), 951274213);
  const d = Math.imul(b ^ (h4 >>> 19), 2716044179);
  a ^= b ^ c ^ d;
  return hex32(a) + hex32(b ^ a) + hex32(c ^ a) + hex32(d ^ a);
}

export function digest(state: HashState): string {
  load(state);
  return finish();
}

export function hash128(text: string): string {
  return digest(absorb(INITIAL, text));
}

/** The hash state of an object's identity: API group (not version), kind, namespace, name. */
export function identityState(object: ObjectRef): HashState {
  return absorb(INITIAL, 'object', apiGroup(object.apiVersion), object.kind, object.namespace ?? '', object.name);
}

/** The hash state of a subject without an object (a load problem's file, an image): `source` and its name. */
export function sourceState(name: string): HashState {
  return absorb(INITIAL, 'source', name);
}

/**
 * A finding's identity across runs: the check, the object and the field path. Line numbers and
 * file names are left out so moving or reformatting a manifest keeps the fingerprint; findings
 * without an object fall back to `fallback` (file and document).
 */
export function fingerprint(checkId: string, object: ObjectRef | undefined, path: string, fallback?: string): string {
  const seed = object ? identityState(object) : sourceState(fallback ?? '');
  return fingerprintFrom(seed, checkId, path);
}

/** fingerprint() from a precomputed identityState(). */
export function fingerprintFrom(identity: HashState, checkId: string, path: string): string {
  load(identity);
  mix(checkId);
  mix(path);
  return finish();
}
