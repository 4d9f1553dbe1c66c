import type { Environment } from '@marcbachmann/cel-js';
import { CelError } from './cel-error.js';

/**
 * Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity) exactly: a value is a fraction of two
 * BigInts, so "1Gi" > "1000Mi" and "100m" == "0.1" compare without rounding. As Kubernetes does, anything more
 * precise than nano units is rounded up to a nano unit.
 */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const NANO = 10n ** 9n;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export class Quantity {
  readonly num: bigint;
  readonly den: bigint;
  constructor(num: bigint, den: bigint, readonly text?: string) {
    const g = gcd(num, den) || 1n;
    this.num = num / g;
    this.den = den / g;
  }
  static parse(s: string): Quantity | undefined {
    const m = QUANTITY.exec(s);
    if (!m) return undefined;
    const [, sign, digits, suffix = ''] = m as unknown as [string, string, string, string | undefined];
    const [whole = '', frac = ''] = digits.split('.');
    let num = BigInt((whole || '0') + frac);
    let den = 10n ** BigInt(frac.length);
    if (suffix in BINARY) num *= 1024n ** BigInt(BINARY[suffix]!);
    else {
      const exp = suffix in DECIMAL ? DECIMAL[suffix]! : suffix === '' ? 0 : Number(suffix.slice(1));
      if (Math.abs(exp) > 1000) return undefined;
      if (exp >= 0) num *= 10n ** BigInt(exp);
      else den *= 10n ** BigInt(-exp);
    }
    if (sign === '-') num = -num;
    // Round up (away from zero's floor: toward +inf, as inf.Dec RoundUp) to nano precision.
    if ((num * NANO) % den !== 0n) {
      const scaled = (num * NANO) / den + (num > 0n ? 1n : 0n);
      return new Quantity(scaled, NANO, s);
    }
    return new Quantity(num, den, s);
  }
  compareTo(o: unknown): number {
    if (!(o instanceof Quantity)) throw new CelError('compareTo needs a quantity');
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  equals(o: unknown): boolean {
    return o instanceof Quantity && this.compareTo(o) === 0;
  }
  add(o: unknown): Quantity {
    const q = asQuantity(o);
    return new Quantity(this.num * q.den + q.num * this.den, this.den * q.den);
  }
  sub(o: unknown): Quantity {
    const q = asQuantity(o);
    return new Quantity(this.num * q.den - q.num * this.den, this.den * q.den);
  }
  isInteger(): boolean {
    return this.num % this.den === 0n && this.num / this.den >= INT64_MIN && this.num / this.den <= INT64_MAX;
  }
  toString(): string {
    if (this.text !== undefined) return this.text;
    if (this.num % this.den === 0n) return String(this.num / this.den);
    return `${(this.num * NANO) / this.den}n`;
  }
}

function asQuantity(o: unknown): Quantity {
  if (o instanceof Quantity) return o;
  if (typeof o === 'bigint') return new Quantity(o, 1n);
  throw new CelError('expected a quantity or an int');
}

/** Quantities are immutable: the few distinct strings a scan sees are parsed once. */
const parsed = new Map<string, Quantity | undefined>();
function parseCached(s: string): Quantity | undefined {
  if (parsed.has(s)) return parsed.get(s);
  const q = Quantity.parse(s);
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(s, q);
  return q;
}

function parseOrThrow(s: string): Quantity {
  const q = parseCached(s);
  if (!q) throw new CelError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (got ${JSON.stringify(s)})`);
  return q;
}

export function registerQuantity(env: Environment): void {
  const Q = 'kubernetes.Quantity';
  env
    .registerType(Q, Quantity)
    .registerFunction(`quantity(string): ${Q}`, parseOrThrow)
    .registerFunction('isQuantity(string): bool', (s: string) => parseCached(s) !== undefined)
    .registerFunction(`${Q}.sign(): int`, (q: Quantity) => BigInt(q.num > 0n ? 1 : q.num < 0n ? -1 : 0))
    .registerFunction(`${Q}.isInteger(): bool`, (q: Quantity) => q.isInteger())
    .registerFunction(`${Q}.asInteger(): int`, (q: Quantity) => {
      if (!q.isInteger()) throw new CelError('cannot convert value to integer');
      return q.num / q.den;
    })
    .registerFunction(`${Q}.asApproximateFloat(): double`, (q: Quantity) => Number(q.num) / Number(q.den))
    .registerFunction(`${Q}.add(${Q}): ${Q}`, (a: Quantity, b: Quantity) => a.add(b))
    .registerFunction(`${Q}.add(int): ${Q}`, (a: Quantity, b: bigint) => a.add(b))
    .registerFunction(`${Q}.sub(${Q}): ${Q}`, (a: Quantity, b: Quantity) => a.sub(b))
    .registerFunction(`${Q}.sub(int): ${Q}`, (a: Quantity, b: bigint) => a.sub(b))
    .registerFunction(`${Q}.isLessThan(${Q}): bool`, (a: Quantity, b: Quantity) => a.compareTo(b) < 0)
    .registerFunction(`${Q}.isGreaterThan(${Q}): bool`, (a: Quantity, b: Quantity) => a.compareTo(b) > 0)
    .registerFunction(`${Q}.compareTo(${Q}): int`, (a: Quantity, b: Quantity) => BigInt(a.compareTo(b)))
    .registerFunction(`string(${Q}): string`, (q: Quantity) => q.toString())
    .registerOperator(`${Q} == ${Q}`, (a: Quantity, b: Quantity) => a.equals(b));
}
