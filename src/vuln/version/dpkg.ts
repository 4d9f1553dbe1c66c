/**
 * Debian package versions, compared as dpkg does (deb-version(7)): `[epoch:]upstream[-revision]`.
 * Epochs compare numerically; upstream and revision with the dpkg string order: alternating non-digit and
 * digit runs; in non-digit runs `~` sorts before everything (even the end), then the end, then letters,
 * then every other character (by code); digit runs compare numerically.
 */

export interface DpkgVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

const MAX_EPOCH = 2147483647;

/** Parse like libdpkg's parseversion (strict: its warnings are errors). Returns an error message for bad input. */
export function parseDpkgVersion(input: string): DpkgVersion | { error: string } {
  const s = input.trim();
  if (s === '') return { error: 'version string is empty' };
  if (/\s/.test(s)) return { error: 'version string has embedded spaces' };
  let epoch = 0;
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const e = s.slice(0, colon);
    if (e === '') return { error: 'epoch in version is empty' };
    if (!/^\d+$/.test(e)) return { error: 'epoch in version is not a number' };
    epoch = Number(e);
    if (epoch > MAX_EPOCH) return { error: 'epoch in version is too big' };
    rest = s.slice(colon + 1);
    if (rest === '') return { error: 'nothing after colon in version number' };
  }
  let upstream = rest;
  let revision = '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen >= 0) {
    upstream = rest.slice(0, hyphen);
    revision = rest.slice(hyphen + 1);
    if (revision === '') return { error: 'revision number is empty' };
  }
  if (upstream === '') return { error: 'version number is empty' };
  if (!/^\d/.test(upstream)) return { error: 'version number does not start with digit' };
  // A colon is allowed in the upstream part only when an epoch was given; a hyphen only when a revision is.
  if (!/^[A-Za-z0-9.+~:-]*$/.test(upstream) || (colon < 0 && upstream.includes(':'))) return { error: 'invalid character in version number' };
  if (!/^[A-Za-z0-9.+~]*$/.test(revision)) return { error: 'invalid character in revision number' };
  return { epoch, upstream, revision };
}

function order(c: number): number {
  if (c >= 48 && c <= 57) return 0; // digit (not reached: digit runs are handled separately)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** dpkg's verrevcmp over one part (upstream or revision). */
export function compareDpkgPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = i < a.length && !isDigit(a.charCodeAt(i)) ? order(a.charCodeAt(i)) : 0;
      const bc = j < b.length && !isDigit(b.charCodeAt(j)) ? order(b.charCodeAt(j)) : 0;
      if (ac !== bc) return Math.sign(ac - bc);
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    while (i < a.length && isDigit(a.charCodeAt(i)) && j < b.length && isDigit(b.charCodeAt(j))) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j < b.length && isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff) return Math.sign(firstDiff);
  }
  return 0;
}

function lenient(v: string): DpkgVersion {
  const p = parseDpkgVersion(v);
  if (!('error' in p)) return p;
  // Compare what we can of an invalid version rather than throwing: split it the same way.
  const s = v.trim();
  const colon = s.indexOf(':');
  const epoch = colon >= 0 && /^\d+$/.test(s.slice(0, colon)) ? Number(s.slice(0, colon)) : 0;
  const rest = colon >= 0 ? s.slice(colon + 1) : s;
  const h = rest.lastIndexOf('-');
  return h >= 0 ? { epoch, upstream: rest.slice(0, h), revision: rest.slice(h + 1) } : { epoch, upstream: rest, revision: '' };
}

/** Compare two dpkg versions: -1, 0 or 1. */
export function compareDpkg(a: string, b: string): number {
  const x = lenient(a);
  const y = lenient(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  return compareDpkgPart(x.upstream, y.upstream) || compareDpkgPart(x.revision, y.revision);
}

export const isValidDpkgVersion = (v: string): boolean => !('error' in parseDpkgVersion(v));
