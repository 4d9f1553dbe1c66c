/**
 * PEP 440 version specifiers (`>=1.0`, `~=2.2`, `==1.4.*`, `!=2.0.*`, `<3.0a8`, `===foo`), implemented from the
 * specification's "Version specifiers" section on top of @renovatebot/pep440's version parser (its own
 * `satisfies` disagrees with pypa/packaging on exclusive comparisons, prefix padding and local versions).
 * Pre-releases are always admitted (packaging's `prereleases=True`): advisory ranges name them explicitly.
 */
import { clean, compare, explain } from '@renovatebot/pep440';

type Parsed = NonNullable<ReturnType<typeof explain>>;

/** The comparable segments of a public version: `N!`, release numbers, then `a1`/`post1`/`dev1` parts. */
function segments(v: Parsed): { epoch: string; release: string[]; rest: string[] } {
  const rest: string[] = [];
  if (v.pre) rest.push(`${v.pre[0]}${v.pre[1]}`);
  if (v.post !== null && v.post !== undefined) rest.push(`post${v.post}`);
  if (v.dev !== null && v.dev !== undefined) rest.push(`dev${v.dev}`);
  return { epoch: String(v.epoch), release: v.release.map(String), rest };
}

function prefixMatch(candidate: Parsed, prefix: string): boolean {
  const spec = explain(prefix);
  if (!spec) return false;
  const s = segments(spec);
  const c = segments(candidate);
  if (s.epoch !== c.epoch) return false;
  const n = Math.max(s.release.length, s.rest.length ? s.release.length : 0);
  const pad = (r: string[], len: number) => [...r, ...Array(Math.max(0, len - r.length)).fill('0')];
  // Without pre/post/dev parts in the prefix, only the release numbers it names (zero-padded) must agree.
  const len = s.rest.length ? n : s.release.length;
  const cr = pad(c.release, len).slice(0, len);
  const sr = pad(s.release, len);
  if (s.rest.length && c.release.length > s.release.length && c.release.slice(s.release.length).some((x) => x !== '0')) return false;
  if (cr.join('.') !== sr.join('.')) return false;
  return s.rest.every((x, i) => c.rest[i] === x);
}

function one(version: string, spec: string): boolean {
  const m = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(\S+)\s*$/.exec(spec);
  if (!m) return false;
  const [, op, target] = m as unknown as [string, string, string];
  if (op === '===') return version.trim().toLowerCase() === target.toLowerCase();
  const cand = explain(version);
  if (!cand) return false;
  if (op === '==' || op === '!=') {
    let eq: boolean;
    if (target.endsWith('.*')) eq = prefixMatch(cand, target.slice(0, -2));
    else {
      const t = explain(target);
      if (!t) return false;
      eq = t.local ? compare(version, target) === 0 : compare(cand.public, target) === 0;
    }
    return op === '==' ? eq : !eq;
  }
  const t = explain(target);
  if (!t) return false;
  const c = compare(cand.public, target);
  const sameBase = compare(cand.base_version, t.base_version) === 0;
  switch (op) {
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0 && !(!t.is_prerelease && cand.is_prerelease && sameBase);
    case '>':
      return c > 0 && !(!t.is_postrelease && cand.is_postrelease && sameBase);  // a local version of the target itself compares equal (public part)
    case '~=': {
      if (t.release.length < 2) return false;
      const prefix = `${t.epoch ? `${t.epoch}!` : ''}${t.release.slice(0, -1).join('.')}`;
      return c >= 0 && prefixMatch(cand, prefix);
    }
  }
  return false;
}

/** Does `version` satisfy every comma-separated clause of `specifier`? */
export function satisfiesPep440(version: string, specifier: string): boolean {
  if (clean(version) === null && !specifier.includes('===')) return false;
  return specifier.split(',').every((s) => one(version, s));
}
