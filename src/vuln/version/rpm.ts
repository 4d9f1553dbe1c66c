/**
 * RPM versions, compared as rpm's rpmvercmp() does, plus EVR (`[epoch:]version[-release]`) comparison.
 * rpmvercmp: separators (anything not alphanumeric, `~` or `^`) only split segments; `~` sorts before
 * everything, even the end of the string; `^` sorts after the end but before any other segment; segments are
 * runs of digits (compared numerically, leading zeros ignored) or letters (compared bytewise); a numeric
 * segment is newer than an alphabetic one; when one string runs out, the longer one is newer.
 */

const isAlnum = (c: string) => /[A-Za-z0-9]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlpha = (c: string) => /[A-Za-z]/.test(c);

/** rpmvercmp on a single version or release string: -1, 0 or 1. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]!) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]!) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    const numeric = isDigit(a[i]!);
    const take = numeric ? isDigit : isAlpha;
    const si = i;
    const sj = j;
    while (i < a.length && take(a[i]!)) i++;
    while (j < b.length && take(b[j]!)) j++;
    let x = a.slice(si, i);
    let y = b.slice(sj, j);
    // The segments are of different kinds: the numeric one is newer.
    if (y === '') return numeric ? 1 : -1;
    if (numeric) {
      x = x.replace(/^0+/, '');
      y = y.replace(/^0+/, '');
      if (x.length !== y.length) return x.length > y.length ? 1 : -1;
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i < a.length ? 1 : -1;
}

export interface Evr {
  epoch: number;
  version: string;
  release?: string;
}

export function parseEvr(s: string): Evr {
  let rest = s.trim();
  let epoch = 0;
  const m = /^(\d+):/.exec(rest);
  if (m) {
    epoch = Number(m[1]);
    rest = rest.slice(m[0].length);
  }
  const h = rest.lastIndexOf('-');
  return h >= 0 ? { epoch, version: rest.slice(0, h), release: rest.slice(h + 1) } : { epoch, version: rest };
}

/** Compare `[epoch:]version[-release]` strings. A missing epoch is 0; a release is compared only when both have one. */
export function compareRpm(a: string, b: string): number {
  const x = parseEvr(a);
  const y = parseEvr(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  const v = rpmvercmp(x.version, y.version);
  if (v !== 0 || x.release === undefined || y.release === undefined) return v;
  return rpmvercmp(x.release, y.release);
}
