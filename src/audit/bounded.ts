/**
 * A Map that keeps at most `capacity` entries, forgetting the least recently used one first: the state of the
 * stateful rules (pods seen, counters per source) stays bounded whatever the stream.
 */
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error('BoundedMap: capacity must be at least 1');
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }
}

/** A count in a fixed time window per key: `add` returns the count within the current window. */
export class WindowCounter<K> {
  private readonly windows: BoundedMap<K, { start: number; count: number; alerted: boolean }>;
  constructor(capacity: number, private readonly windowMs: number) {
    this.windows = new BoundedMap(capacity);
  }

  /** Count one at `time`; true exactly once per window, when the count reaches `threshold`. */
  reach(key: K, time: number, threshold: number): { count: number; first: boolean } {
    let w = this.windows.get(key);
    if (!w || time - w.start >= this.windowMs || time < w.start) this.windows.set(key, (w = { start: time, count: 0, alerted: false }));
    w.count++;
    const first = w.count >= threshold && !w.alerted;
    if (first) w.alerted = true;
    return { count: w.count, first };
  }
}
