/** A bounded cache for version parses: matching compares the same few strings many times. */
export function memo<T>(fn: (s: string) => T, limit = 20000): (s: string) => T {
  let cache = new Map<string, T>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      v = fn(s);
      if (cache.size >= limit) cache = new Map();
      cache.set(s, v);
    }
    return v as T;
  };
}
