/** Failed logins per client address in a sliding minute: the 11th failure within 60 s and every try after it get 429. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly maxFailures = 10, private readonly windowMs = 60_000, private readonly maxClients = 10_000) {}

  private recent(ip: string, at: number): number[] {
    const list = (this.failures.get(ip) ?? []).filter((t) => at - t < this.windowMs);
    if (list.length) this.failures.set(ip, list);
    else this.failures.delete(ip);
    return list;
  }

  /** True when this address has used up its failures for now. */
  blocked(ip: string, at = Date.now()): boolean {
    return this.recent(ip, at).length >= this.maxFailures;
  }

  fail(ip: string, at = Date.now()): void {
    if (!this.failures.has(ip) && this.failures.size >= this.maxClients) {
      // Bounded memory under a spray of addresses: forget the oldest client.
      const first = this.failures.keys().next().value;
      if (first !== undefined) this.failures.delete(first);
    }
    this.failures.set(ip, [...this.recent(ip, at), at]);
  }
}
