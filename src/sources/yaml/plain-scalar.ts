import type { FastState } from './fast-state.js';

/**
 * Scan one line of a block-context plain scalar from `p`: sets st.scanEnd (end of the text, trailing
 * blanks trimmed), st.scanStop (line break, comment or end) and st.keyAt (offset of a ': ' mapping
 * indicator, -1 when there is none).
 */
export function scanPlainLine(st: FastState, p: number): void {
  const src = st.src;
  const end = st.end;
  let i = p;
  let last = p;
  st.keyAt = -1;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 58) {
      if (st.blankAt(i + 1)) {
        st.keyAt = i;
        break;
      }
    } else if (c === 35 && i > p) {
      const prev = src.charCodeAt(i - 1);
      if (prev === 32 || prev === 9) break;
    }
    i++;
    last = i;
  }
  st.scanEnd = last;
  st.scanStop = i;
}

/** A continuation line we do not fold ourselves (the `yaml` library decides): "? " or ": " at its start. */
function oddContinuation(st: FastState, q: number): boolean {
  const c = st.src.charCodeAt(q);
  return (c === 63 || c === 58) && st.blankAt(q + 1);
}

/**
 * A plain scalar in block context starting at st.pos, continued over following lines indented more
 * than `parentIndent` (folded: one line break → space, n empty lines → n newlines). Returns the raw
 * text; leaves st.pos at the comment/line break after it or at the start of the next line.
 */
export function parsePlainBlock(st: FastState, parentIndent: number): string {
  const src = st.src;
  const end = st.end;
  scanPlainLine(st, st.pos);
  if (st.keyAt >= 0) st.bail('mapping value inside a plain scalar', st.keyAt);
  let text = src.slice(st.pos, st.scanEnd);
  let p = st.scanStop;
  if (p < end && src.charCodeAt(p) === 35) {
    st.pos = p;
    return text;
  }
  let empties = 0;
  st.pos = p;
  while (p < end) {
    // p is at a line break
    if (src.charCodeAt(p) === 13) {
      if (src.charCodeAt(p + 1) !== 10) st.bail('bare carriage return', p);
      p += 2;
    } else p++;
    const lineStart = p;
    let q = p;
    let tab = false;
    while (q < end) {
      const c = src.charCodeAt(q);
      if (c === 32) q++;
      else if (c === 9) { tab = true; q++; }
      else break;
    }
    if (q >= end) break;
    const c = src.charCodeAt(q);
    if (c === 10 || c === 13) {
      empties++;
      p = q;
      continue;
    }
    if (tab) st.bail('tab in plain scalar continuation', q);
    if (q - lineStart <= parentIndent || c === 35) {
      st.pos = lineStart;
      return text;
    }
    if (oddContinuation(st, q)) st.bail('unusual plain scalar continuation', q);
    scanPlainLine(st, q);
    if (st.keyAt >= 0) st.bail('mapping value inside a plain scalar', st.keyAt);
    text += (empties === 0 ? ' ' : '\n'.repeat(empties)) + src.slice(q, st.scanEnd);
    empties = 0;
    p = st.scanStop;
    st.pos = p;
    if (p < end && src.charCodeAt(p) === 35) return text;
  }
  st.pos = end;
  return text;
}
