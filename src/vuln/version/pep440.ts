/** Python package versions (PEP 440), through @renovatebot/pep440 (a port of pypa/packaging's Version). */
import { compare, valid } from '@renovatebot/pep440';
import { memo } from './memo.js';

const isValid = memo((v: string) => valid(v) !== null);

export const isValidPep440 = (v: string): boolean => isValid(v);

/** Compare two PEP 440 versions: -1, 0 or 1; an invalid version sorts before every valid one. */
export function comparePep440(a: string, b: string): number {
  const va = isValid(a);
  const vb = isValid(b);
  if (!va || !vb) return va === vb ? 0 : va ? 1 : -1;
  return Math.sign(compare(a, b));
}
