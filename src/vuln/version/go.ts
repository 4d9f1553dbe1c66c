/**
 * Go module versions: semantic versions with a `v` prefix (v1.2.3), pseudo-versions
 * (v0.0.0-20191109021931-daa7c04131f5, which are semver pre-releases and so order by their timestamp) and
 * `+incompatible` (build metadata, ignored in comparisons as Go's x/mod/semver does). The Go toolchain's own
 * versions (`go1.21.3`, `go1.21`, `go1.21rc2`) are mapped onto semver the way the Go vulnerability database
 * does (1.21.3, 1.21.0, 1.21.0-rc.2).
 */
import type { SemVer } from 'semver';
import { memo } from './memo.js';
import { parseSemver } from './semver.js';

/** The semver string for a Go version, or undefined when it is not one. */
export function goSemver(v: string): string | undefined {
  let s = v.trim();
  const tool = /^go(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(s);
  if (tool) {
    const [, ma, mi = '0', pa = '0', pre, n] = tool;
    s = `${ma}.${mi}.${pa}${pre ? `-${pre}.${n}` : ''}`;
  } else if (s.startsWith('v')) s = s.slice(1);
  return parseStrict(s)?.version;
}

// Go's semver is strict (no loose forms): re-check the normalised string round-trips.
const parseStrict = (s: string): SemVer | undefined => {
  const p = parseSemver(s);
  return p && (p.version === s.replace(/\+.*$/, '') || `${p.version}+${p.build.join('.')}` === s) ? p : undefined;
};

const parsedGo = memo((v: string): SemVer | undefined => {
  const s = goSemver(v);
  return s === undefined ? undefined : parseSemver(s) ?? undefined;
});

export const isValidGoVersion = (v: string): boolean => goSemver(v) !== undefined;

/** Compare two Go versions: -1, 0 or 1 (an invalid version sorts before every valid one, as in x/mod/semver). */
export function compareGo(a: string, b: string): number {
  const x = parsedGo(a);
  const y = parsedGo(b);
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
  return x.compare(y);
}
