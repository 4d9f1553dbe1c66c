/**
 * Alpine apk versions (the Gentoo-derived scheme apk-tools implements):
 *   digits{.digits}[letter]{_suffix[digits]}[~hash][-rN]
 * Compared token by token. The first number compares numerically; a later number that starts with `0` on
 * either side compares as a string (so 1.02 < 1.1 and 8.2.0015 < 8.2.002). Suffixes: alpha < beta < pre <
 * rc < (none) < cvs < svn < git < hg < p. When one version runs out of tokens first, it is older — unless the
 * other goes on with a pre-release suffix (1.0_rc1 < 1.0). Token kinds order the remaining cases: a longer
 * version with another number beats a letter, a letter beats a suffix, a suffix beats a revision.
 */

const enum Tok {
  Digit = 0,
  Letter = 1,
  Suffix = 2,
  SuffixNo = 3,
  Hash = 4,
  Revision = 5,
  End = 6,
  Invalid = 7,
}

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p'];
const NONE = 4;

interface Token {
  kind: Tok;
  text: string;
  first?: boolean;
}

function* tokens(v: string): Generator<Token> {
  let i = 0;
  const digits = () => {
    const s = i;
    while (i < v.length && v[i]! >= '0' && v[i]! <= '9') i++;
    return v.slice(s, i);
  };
  const first = digits();
  if (first === '') {
    yield { kind: Tok.Invalid, text: v };
    return;
  }
  yield { kind: Tok.Digit, text: first, first: true };
  let prev: Tok = Tok.Digit;
  for (;;) {
    if (i >= v.length) {
      yield { kind: Tok.End, text: '' };
      return;
    }
    const c = v[i]!;
    if (c === '.' && prev === Tok.Digit) {
      i++;
      const d = digits();
      if (d === '') break;
      yield { kind: Tok.Digit, text: d };
      prev = Tok.Digit;
    } else if (c >= 'a' && c <= 'z' && prev === Tok.Digit) {
      i++;
      yield { kind: Tok.Letter, text: c };
      prev = Tok.Letter;
    } else if (c === '_' && prev <= Tok.SuffixNo) {
      i++;
      const s = i;
      while (i < v.length && v[i]! >= 'a' && v[i]! <= 'z') i++;
      const name = v.slice(s, i);
      const idx = SUFFIXES.indexOf(name);
      if (name === '' || idx < 0) break;
      yield { kind: Tok.Suffix, text: String(idx) };
      const n = digits();
      if (n !== '') yield { kind: Tok.SuffixNo, text: n };
      prev = n !== '' ? Tok.SuffixNo : Tok.Suffix;
    } else if (c === '~' && prev <= Tok.SuffixNo) {
      i++;
      const s = i;
      while (i < v.length && /[0-9a-f]/.test(v[i]!)) i++;
      if (i === s) break;
      yield { kind: Tok.Hash, text: v.slice(s, i) };
      prev = Tok.Hash;
    } else if (c === '-' && v[i + 1] === 'r' && prev <= Tok.Hash) {
      i += 2;
      const n = digits();
      if (n === '') break;
      yield { kind: Tok.Revision, text: n };
      prev = Tok.Revision;
    } else break;
  }
  yield { kind: Tok.Invalid, text: v.slice(i) };
}

function compareNumber(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

const strcmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareTokens(a: Token, b: Token): number {
  switch (a.kind) {
    case Tok.Digit:
      if (!a.first && (a.text.startsWith('0') || b.text.startsWith('0'))) return strcmp(a.text, b.text);
      return compareNumber(a.text, b.text);
    case Tok.Suffix:
      return Math.sign(Number(a.text) - Number(b.text));
    case Tok.SuffixNo:
    case Tok.Revision:
      return compareNumber(a.text, b.text);
    default:
      return strcmp(a.text, b.text);
  }
}

/** Compare; with `fuzzy`, `a` equals `b` when `b` is a component-wise prefix of it (apk's `~`). */
function compare(a: string, b: string, fuzzy: boolean): number {
  const ta = tokens(a);
  const tb = tokens(b);
  for (;;) {
    const x = ta.next().value as Token;
    const y = tb.next().value as Token;
    if (fuzzy && y.kind === Tok.End) return 0;
    if (x.kind === y.kind) {
      if (x.kind === Tok.End) return 0;
      if (x.kind === Tok.Invalid) return strcmp(x.text, y.text);
      const c = compareTokens(x, y);
      if (c !== 0) return c;
      continue;
    }
    if (x.kind === Tok.Suffix && Number(x.text) < NONE) return -1;
    if (y.kind === Tok.Suffix && Number(y.text) < NONE) return 1;
    return x.kind > y.kind ? -1 : 1;
  }
}

/** Compare two apk versions: -1, 0 or 1. */
export const compareApk = (a: string, b: string): number => compare(a, b, false);

/** apk's version match with an operator: `<`, `<=`, `=`, `>=`, `>`, `~` (fuzzy prefix), `<~`, `>~`. */
export function matchApk(a: string, op: string, b: string): boolean {
  const fuzzy = op.includes('~');
  const c = compare(a, b, fuzzy);
  const ops = op.replace('~', '=');
  return (c < 0 && ops.includes('<')) || (c > 0 && ops.includes('>')) || (c === 0 && ops.includes('='));
}

const VALID = /^\d+(\.\d+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*(~[0-9a-f]+)?(-r\d+)?$/;

export const isValidApkVersion = (v: string): boolean => VALID.test(v);
