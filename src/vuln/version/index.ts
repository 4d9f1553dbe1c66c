/** Version comparison per ecosystem scheme: one entry point for the matcher. */
import { compareApk, isValidApkVersion } from './apk.js';
import { compareDpkg, isValidDpkgVersion } from './dpkg.js';
import { compareGo, isValidGoVersion } from './go.js';
import { compareMaven } from './maven.js';
import { comparePep440, isValidPep440 } from './pep440.js';
import { compareRpm } from './rpm.js';
import { compareSemver, isValidSemver } from './semver.js';

export type VersionScheme = 'apk' | 'dpkg' | 'rpm' | 'semver' | 'pep440' | 'go' | 'maven';

export interface VersionOrder {
  compare(a: string, b: string): number;
  /** False for strings the ecosystem would not accept as versions: the matcher never guesses about them. */
  valid(v: string): boolean;
}

const nonEmpty = (v: string) => v.trim() !== '';

export const VERSION_ORDERS: Record<VersionScheme, VersionOrder> = {
  apk: { compare: compareApk, valid: isValidApkVersion },
  dpkg: { compare: compareDpkg, valid: isValidDpkgVersion },
  rpm: { compare: compareRpm, valid: nonEmpty },
  semver: { compare: compareSemver, valid: isValidSemver },
  pep440: { compare: comparePep440, valid: isValidPep440 },
  go: { compare: compareGo, valid: isValidGoVersion },
  maven: { compare: compareMaven, valid: nonEmpty },
};
