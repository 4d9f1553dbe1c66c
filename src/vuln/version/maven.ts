/**
 * Maven versions, ordered by the rules of Maven's ComparableVersion: `.` and `-` separate items, and so does a
 * change between digits and letters (1.0alpha1 = 1.0-alpha-1); a `-` opens a sub-list, which sorts below a
 * `.`-item; numbers compare numerically; known qualifiers order alpha (a) < beta (b) < milestone (m) < rc (cr)
 * < snapshot < "" (ga, final, release) < sp, and unknown qualifiers come after them, case-insensitively
 * in lexical order; trailing zero/empty items are dropped (1.0.0 = 1 = 1-ga).
 */

type Item = { k: 'int'; v: bigint } | { k: 'str'; v: string } | { k: 'list'; v: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE = QUALIFIERS.indexOf('');

function qualifierKey(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i >= 0 ? String(i) : `${QUALIFIERS.length}-${q}`;
}

function strItem(s: string, followedByDigit: boolean): Item {
  let v = s;
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  return { k: 'str', v: ALIASES[v] ?? v };
}

const parseItem = (s: string): Item => (/^\d+$/.test(s) ? { k: 'int', v: BigInt(s) } : strItem(s, false));

const isNull = (i: Item): boolean => (i.k === 'int' ? i.v === 0n : i.k === 'str' ? i.v === '' : i.v.length === 0);

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const it = list[i]!;
    if (isNull(it)) list.splice(i, 1);
    else if (it.k !== 'list') break;
  }
}

export function parseMaven(version: string): Item {
  const s = version.trim().toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let digit = false;
  let start = 0;
  const push = () => {
    const sub: Item[] = [];
    list.push({ k: 'list', v: sub });
    list = sub;
    stack.push(sub);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '.' || c === '-') {
      list.push(i === start ? { k: 'int', v: 0n } : parseItem(s.slice(start, i)));
      start = i + 1;
      if (c === '-') push();
    } else if (c >= '0' && c <= '9') {
      if (!digit && i > start) {
        list.push(strItem(s.slice(start, i), true));
        start = i;
        push();
      }
      digit = true;
    } else {
      if (digit && i > start) {
        list.push(parseItem(s.slice(start, i)));
        start = i;
        push();
      }
      digit = false;
    }
  }
  if (s.length > start) list.push(parseItem(s.slice(start)));
  while (stack.length) normalize(stack.pop()!);
  return { k: 'list', v: root };
}

function cmpNull(a: Item): number {
  if (a.k === 'int') return a.v === 0n ? 0 : 1;
  if (a.k === 'str') {
    const i = QUALIFIERS.indexOf(a.v);
    return i < 0 ? 1 : Math.sign(i - RELEASE);
  }
  return a.v.length === 0 ? 0 : cmpNull(a.v[0]!);
}

function cmp(a: Item | undefined, b: Item | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -cmpNull(b);
  if (b === undefined) return cmpNull(a);
  if (a.k === 'int') return b.k === 'int' ? (a.v < b.v ? -1 : a.v > b.v ? 1 : 0) : 1;
  if (a.k === 'str') {
    if (b.k === 'int' || b.k === 'list') return -1;
    const x = qualifierKey(a.v);
    const y = qualifierKey(b.v);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (b.k === 'int') return -1;
  if (b.k === 'str') return 1;
  for (let i = 0; i < Math.max(a.v.length, b.v.length); i++) {
    const c = cmp(a.v[i], b.v[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** Compare two Maven versions: -1, 0 or 1. */
export const compareMaven = (a: string, b: string): number => cmp(parseMaven(a), parseMaven(b));
