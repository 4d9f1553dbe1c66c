/** npm (and other SemVer 2.0) versions, through the `semver` package: the one npm itself uses. */
import semver, { SemVer } from 'semver';
import { memo } from './memo.js';

/** Parsed once per distinct string (loose, as npm reads package versions). */
export const parseSemver = memo((v: string): SemVer | null => {
  const s = semver.valid(v, { loose: true });
  return s === null ? null : new SemVer(s);
});

export const isValidSemver = (v: string): boolean => parseSemver(v) !== null;

/** Compare two semantic versions: -1, 0 or 1; an invalid version sorts before every valid one. */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return x.compare(y);
}
