/** npm (and other SemVer 2.0) versions, through the `semver` package: the one npm itself uses. */
import semver from 'semver';

export const isValidSemver = (v: string): boolean => semver.valid(v, { loose: true }) !== null;

/** Compare two semantic versions: -1, 0 or 1; an invalid version sorts before every valid one. */
export function compareSemver(a: string, b: string): number {
  const x = semver.valid(a, { loose: true });
  const y = semver.valid(b, { loose: true });
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return semver.compare(x, y);
}
