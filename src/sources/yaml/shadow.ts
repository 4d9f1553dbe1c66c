// The position side structure recorded while parsing. Every container value gets a "shadow": one flat
// array holding, per key or item, its source offset and the shadow of its value (0 for a scalar).
//   map: [MAP, key0, offset0, kid0, key1, offset1, kid1, ...]
//   seq: [SEQ, offset0, kid0, offset1, kid1, ...]
// One allocation per container, no pointer strings; pointers are resolved only when `locate` is called.

export const MAP = 1;
export const SEQ = 2;
export type Shadow = unknown[];
/** The shadow of a scalar (nothing below it). */
export const NO_SHADOW = 0;
export type Kid = Shadow | typeof NO_SHADOW;

const bigMapIndex = new WeakMap<Shadow, Map<string, number>>();

/** Index (into the shadow array) of the entry for `key` in a map shadow; the last duplicate wins. -1 if absent. */
export function findKey(shadow: Shadow, key: string): number {
  const len = shadow.length;
  if (len > 3 * 24) {
    let index = bigMapIndex.get(shadow);
    if (!index) {
      index = new Map();
      for (let i = 1; i < len; i += 3) index.set(shadow[i] as string, i);
      bigMapIndex.set(shadow, index);
    }
    return index.get(key) ?? -1;
  }
  for (let i = len - 3; i >= 1; i -= 3) if (shadow[i] === key) return i;
  return -1;
}

/** Index of item `n` in a seq shadow, -1 if absent. */
export function findItem(shadow: Shadow, segment: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(segment)) return -1;
  const i = 1 + Number(segment) * 2;
  return i < shadow.length ? i : -1;
}
