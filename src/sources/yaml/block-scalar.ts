import type { FastState } from './fast-state.js';

/**
 * A literal (|) or folded (>) block scalar at st.pos with optional chomping (-/+) and indentation
 * indicator (relative to `parentIndent`, the indentation of the collection holding it). Leaves st.pos
 * at the start of the first line after the scalar (or the end).
 */
export function parseBlockScalar(st: FastState, parentIndent: number): string {
  const src = st.src;
  const end = st.end;
  const folded = src.charCodeAt(st.pos) === 62;
  let p = st.pos + 1;
  let chomp = 0; // -1 strip, 0 clip, 1 keep
  let explicit = 0;
  for (let k = 0; k < 2 && p < end; k++) {
    const c = src.charCodeAt(p);
    if (c === 45 && chomp === 0) chomp = -1;
    else if (c === 43 && chomp === 0) chomp = 1;
    else if (c >= 49 && c <= 57 && explicit === 0) explicit = c - 48;
    else break;
    p++;
  }
  let q = st.skipInline(p);
  if (q < end) {
    const c = src.charCodeAt(q);
    if (c === 35 && q > p) {
      const nl = src.indexOf('\n', q);
      q = nl === -1 || nl >= end ? end : nl;
    } else if (c !== 10 && c !== 13) st.bail('bad block scalar header', q);
  }
  if (q < end) {
    if (src.charCodeAt(q) === 13) {
      if (src.charCodeAt(q + 1) !== 10) st.bail('bare carriage return', q);
      q++;
    }
    q++;
  }
  let indent: number;
  if (explicit) {
    if (parentIndent < 0) st.bail('indentation indicator at the root', st.pos);
    indent = parentIndent + explicit;
  } else {
    indent = -1;
    let maxBlank = 0;
    let r = q;
    while (r < end) {
      const ls = r;
      while (r < end && src.charCodeAt(r) === 32) r++;
      if (r >= end) break;
      const c = src.charCodeAt(r);
      if (c === 10 || c === 13) {
        maxBlank = Math.max(maxBlank, r - ls);
        r += c === 13 ? 2 : 1;
        continue;
      }
      indent = r - ls;
      break;
    }
    if (indent <= parentIndent) {
      if (chomp === 1) st.bail('empty kept block scalar', st.pos);
      st.pos = q;
      return '';
    }
    if (maxBlank > indent) st.bail('more-indented leading empty lines', q);
  }
  let out = '';
  let empties = 0;
  let seen = false;
  let moreIndented = false;
  let r = q;
  while (r < end) {
    const ls = r;
    const lim = ls + indent;
    while (r < lim && r < end && src.charCodeAt(r) === 32) r++;
    if (r < lim) {
      if (r >= end) break;
      const c = src.charCodeAt(r);
      if (c === 10 || c === 13) {
        empties++;
        r += c === 13 ? 2 : 1;
        continue;
      }
      r = ls;
      break;
    }
    let eol = src.indexOf('\n', r);
    if (eol === -1 || eol > end) eol = end;
    let lineEnd = eol;
    if (lineEnd > r && src.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const next = eol < end ? eol + 1 : end;
    if (r === lineEnd) {
      empties++;
      r = next;
      continue;
    }
    const first = src.charCodeAt(r);
    if (folded) {
      if (first === 32 || first === 9) {
        out += '\n'.repeat(seen ? 1 + empties : empties);
        moreIndented = true;
      } else if (moreIndented) {
        out += '\n'.repeat(empties + 1);
        moreIndented = false;
      } else if (empties === 0) {
        if (seen) out += ' ';
      } else out += '\n'.repeat(empties);
    } else out += '\n'.repeat(seen ? 1 + empties : empties);
    out += src.slice(r, lineEnd);
    seen = true;
    empties = 0;
    r = next;
  }
  if (chomp === 1) out += '\n'.repeat(seen ? 1 + empties : empties);
  else if (chomp === 0 && seen) out += '\n';
  st.pos = r;
  return out;
}
