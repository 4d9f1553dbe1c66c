// Seeded randomness and bounded concurrency for the generated-case tests (property tests, oracles, scale).

/** mulberry32: a small seeded PRNG, the same sequence for the same seed on every platform; values in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Run `f` over `xs`, at most `limit` at once; results in input order. */
export async function mapLimit<T, U>(xs: readonly T[], limit: number, f: (x: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(xs.length);
  let i = 0;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, xs.length)) }, async () => {
    while (i < xs.length) {
      const k = i++;
      out[k] = await f(xs[k]!);
    }
  }));
  return out;
}
