import type { FastState } from './fast-state.js';

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };
const HEX = /^[0-9a-fA-F]+$/;

/**
 * Past a line break at `i` inside a quoted scalar: skip following empty lines and the next line's
 * leading blanks. Returns the content offset and sets st.scanEnd to the number of empty lines.
 * Continuation lines must be indented more than `parentIndent`.
 */
function foldBreak(st: FastState, i: number, parentIndent: number): number {
  const src = st.src;
  const end = st.end;
  let empties = 0;
  for (;;) {
    if (src.charCodeAt(i) === 13) {
      if (src.charCodeAt(i + 1) !== 10) st.bail('bare carriage return', i);
      i += 2;
    } else i++;
    const lineStart = i;
    while (i < end && src.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    while (i < end && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i++;
    if (i >= end) st.bail('unterminated quoted scalar', i);
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) {
      empties++;
      continue;
    }
    if (indent <= parentIndent) st.bail('quoted scalar continuation not indented', i);
    st.scanEnd = empties;
    return i;
  }
}

/**
 * A single- or double-quoted scalar at st.pos (escapes, '' in single quotes, multi-line folding).
 * Leaves st.pos after the closing quote; sets st.multiline when it spanned lines.
 */
export function parseQuoted(st: FastState, parentIndent: number): string {
  const src = st.src;
  const end = st.end;
  const quote = src.charCodeAt(st.pos);
  const double = quote === 34;
  let i = st.pos + 1;
  let seg = i;
  let out = '';
  st.multiline = false;
  for (;;) {
    if (i >= end) st.bail('unterminated quoted scalar', st.pos);
    const c = src.charCodeAt(i);
    if (c === quote) {
      if (!double && i + 1 < end && src.charCodeAt(i + 1) === 39) {
        out += src.slice(seg, i + 1);
        i += 2;
        seg = i;
        continue;
      }
      break;
    }
    if (double && c === 92) {
      out += src.slice(seg, i);
      const e = src[i + 1];
      if (e === undefined || i + 1 >= end) st.bail('unterminated escape', i);
      if (e === '\n' || e === '\r') {
        st.multiline = true;
        const next = foldBreak(st, i + 1, parentIndent);
        out += '\n'.repeat(st.scanEnd);
        i = seg = next;
        continue;
      }
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else {
        const n = HEX_LENGTH[e];
        const hex = n === undefined ? '' : src.slice(i + 2, i + 2 + n);
        if (n === undefined || hex.length !== n || i + 2 + n > end || !HEX.test(hex)) st.bail('bad escape', i);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) st.bail('bad escape', i);
        out += String.fromCodePoint(code);
        i += 2 + n;
      }
      seg = i;
      continue;
    }
    if (c === 10 || c === 13) {
      st.multiline = true;
      let e = i;
      while (e > seg && (src.charCodeAt(e - 1) === 32 || src.charCodeAt(e - 1) === 9)) e--;
      out += src.slice(seg, e);
      const next = foldBreak(st, i, parentIndent);
      out += st.scanEnd === 0 ? ' ' : '\n'.repeat(st.scanEnd);
      i = seg = next;
      continue;
    }
    i++;
  }
  st.pos = i + 1;
  return out === '' ? src.slice(seg, i) : out + src.slice(seg, i);
}
