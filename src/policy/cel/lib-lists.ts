import type { Environment } from '@marcbachmann/cel-js';
import { CelError } from './cel-error.js';

/**
 * Kubernetes' list library (k8s.io/apiserver/pkg/cel/library/lists.go): isSorted, sum, min, max, indexOf,
 * lastIndexOf over lists of comparable values; and the cel-go sets extension (sets.contains, sets.equivalent,
 * sets.intersects) that Kubernetes enables.
 */
export function registerLists(env: Environment): void {
  env
    .registerFunction('list.isSorted(): bool', (l: unknown[]) => {
      for (let i = 1; i < l.length; i++) if (compare(l[i - 1], l[i]) > 0) return false;
      return true;
    })
    .registerFunction('list.sum(): dyn', (l: unknown[]) => {
      if (l.length === 0) return 0n;
      let acc = l[0];
      for (let i = 1; i < l.length; i++) acc = add(acc, l[i]);
      return acc;
    })
    .registerFunction('list.min(): dyn', (l: unknown[]) => extreme(l, -1, 'min'))
    .registerFunction('list.max(): dyn', (l: unknown[]) => extreme(l, 1, 'max'))
    .registerFunction('list.indexOf(dyn): int', (l: unknown[], v: unknown) => BigInt(l.findIndex((x) => celEquals(x, v))))
    .registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => {
      for (let i = l.length - 1; i >= 0; i--) if (celEquals(l[i], v)) return BigInt(i);
      return -1n;
    })
    .registerType('kubeward.SetsNamespace', SetsNamespace)
    .registerConstant('sets', 'kubeward.SetsNamespace', new SetsNamespace())
    .registerFunction('kubeward.SetsNamespace.contains(list, list): bool', (_n: SetsNamespace, a: unknown[], b: unknown[]) => b.every((x) => a.some((y) => celEquals(x, y))))
    .registerFunction('kubeward.SetsNamespace.equivalent(list, list): bool', (_n: SetsNamespace, a: unknown[], b: unknown[]) =>
      b.every((x) => a.some((y) => celEquals(x, y))) && a.every((x) => b.some((y) => celEquals(x, y))))
    .registerFunction('kubeward.SetsNamespace.intersects(list, list): bool', (_n: SetsNamespace, a: unknown[], b: unknown[]) => a.some((x) => b.some((y) => celEquals(x, y))));
}

/** `sets.contains(a, b)`: cel-js has no namespaced functions, so `sets` is a constant with methods. */
class SetsNamespace {}

function extreme(l: unknown[], sign: 1 | -1, name: string): unknown {
  if (l.length === 0) throw new CelError(`${name} called on empty list`);
  let best = l[0];
  for (let i = 1; i < l.length; i++) if (compare(l[i], best) * sign > 0) best = l[i];
  return best;
}

function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a !== null && typeof a === 'object' && typeof (a as { add?: unknown }).add === 'function') return (a as { add(x: unknown): unknown }).add(b);
  throw new CelError(`sum: cannot add ${typeof a} and ${typeof b}`);
}

/** CEL ordering: numbers across int/uint/double, strings by code point, bools false < true; anything else is an error. */
export function compare(a: unknown, b: unknown): number {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a !== null && typeof a === 'object' && typeof (a as { compareTo?: unknown }).compareTo === 'function') {
    return (a as { compareTo(x: unknown): number }).compareTo(b);
  }
  throw new CelError(`no ordering for ${typeName(a)} and ${typeName(b)}`);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v === 'bigint' ? 'int' : typeof v === 'number' ? 'double' : typeof v;
}

/** CEL equality on the values these libraries see: numbers across types, lists and maps deeply. */
export function celEquals(a: unknown, b: unknown): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return compare(a, b) === 0;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (typeof (a as { equals?: unknown }).equals === 'function') return (a as { equals(x: unknown): boolean }).equals(b);
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
