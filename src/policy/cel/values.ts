/**
 * JSON values as CEL sees them. cel-js represents CEL `int` as BigInt and `double` as number; a
 * Kubernetes object read from YAML/JSON has only numbers, so integral numbers become BigInt (as the API
 * server's int64 fields are ints in CEL) and the rest stay doubles. Objects are converted once and cached.
 */
const cache = new WeakMap<object, unknown>();

export function toCel(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (v === null || typeof v !== 'object') return v === undefined ? null : v;
  const hit = cache.get(v);
  if (hit !== undefined) return hit;
  let out: unknown;
  if (Array.isArray(v)) out = v.map(toCel);
  else {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) o[k] = toCel(x);
    out = o;
  }
  cache.set(v, out);
  return out;
}

/** A CEL result back to JSON-like values (BigInt → number when safe, else string) for messages and params. */
export function fromCel(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(fromCel);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), fromCel(x)]));
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromCel(x)]));
  }
  if (v !== null && typeof v === 'object' && typeof (v as { toString?: unknown }).toString === 'function') return String(v);
  return v;
}
