import type { FastState } from './fast-state.js';
import { parseQuoted } from './quoted-scalar.js';
import { resolvePlain, resolvePlainKey } from './scalar-resolve.js';
import { MAP, NO_SHADOW, SEQ, type Shadow } from './shadow.js';

/**
 * Skip blanks, line breaks and comments inside a flow collection. Lines with content must be indented
 * more than `parentIndent` (the block collection around the flow collection).
 */
function skipFlowSpace(st: FastState, parentIndent: number): void {
  const src = st.src;
  const end = st.end;
  let p = st.pos;
  let lineStart = -1;
  while (p < end) {
    const c = src.charCodeAt(p);
    if (c === 32 || c === 9) p++;
    else if (c === 10) lineStart = ++p;
    else if (c === 13) {
      if (src.charCodeAt(p + 1) !== 10) st.bail('bare carriage return', p);
      p += 2;
      lineStart = p;
    } else if (c === 35) {
      if (p > 0 && !(src.charCodeAt(p - 1) === 32 || src.charCodeAt(p - 1) === 9 || src.charCodeAt(p - 1) === 10)) {
        st.bail('comment without space', p);
      }
      const nl = src.indexOf('\n', p);
      p = nl === -1 || nl >= end ? end : nl;
    } else break;
  }
  if (p >= end) st.bail('unterminated flow collection', p);
  if (lineStart >= 0) {
    let q = lineStart;
    while (q < p && src.charCodeAt(q) === 32) q++;
    const indent = q - lineStart;
    const closing = src.charCodeAt(p) === 93 || src.charCodeAt(p) === 125;
    if (indent < parentIndent || (indent === parentIndent && !closing)) st.bail('flow collection not indented', p);
  }
  st.pos = p;
}

const isFlowEnd = (c: number): boolean => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;

/** A plain scalar inside a flow collection (one line); returns its raw text. */
function scanPlainFlow(st: FastState): string {
  const src = st.src;
  const end = st.end;
  const start = st.pos;
  let i = start;
  let last = start;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13 || isFlowEnd(c)) break;
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    if (c === 58) {
      const n = i + 1 < end ? src.charCodeAt(i + 1) : 10;
      if (n === 32 || n === 9 || n === 10 || n === 13 || isFlowEnd(n)) break;
    } else if (c === 35 && i > start) {
      const prev = src.charCodeAt(i - 1);
      if (prev === 32 || prev === 9) break;
    }
    i++;
    last = i;
  }
  st.pos = last;
  return src.slice(start, last);
}

function badFlowStart(st: FastState, c: number): boolean {
  switch (c) {
    case 38: case 42: case 33: case 124: case 62: case 37: case 64: case 96: case 44: case 93: case 125: case 35:
      return true;
    case 45: case 63: case 58: // - ? :
      return st.blankAt(st.pos + 1) || isFlowEnd(st.src.charCodeAt(st.pos + 1));
    default:
      return false;
  }
}

/** One node inside a flow collection: nested collection, quoted or plain scalar. Sets st.kid. */
function parseFlowNode(st: FastState, parentIndent: number): unknown {
  const c = st.src.charCodeAt(st.pos);
  if (c === 91 || c === 123) return parseFlow(st, parentIndent);
  st.kid = NO_SHADOW;
  if (c === 34 || c === 39) return parseQuoted(st, parentIndent);
  if (badFlowStart(st, c)) st.bail('unsupported flow node');
  return resolvePlain(scanPlainFlow(st));
}

function parseFlowSeq(st: FastState, parentIndent: number): unknown[] {
  const src = st.src;
  const arr: unknown[] = [];
  const shadow: Shadow = [SEQ];
  st.pos++;
  for (;;) {
    skipFlowSpace(st, parentIndent);
    if (src.charCodeAt(st.pos) === 93) break;
    const offset = st.pos;
    const value = parseFlowNode(st, parentIndent);
    const kid = st.kid;
    skipFlowSpace(st, parentIndent);
    arr.push(value);
    shadow.push(offset, kid);
    const c = src.charCodeAt(st.pos);
    if (c === 44) {
      st.pos++;
      continue;
    }
    if (c === 93) break;
    st.bail('unexpected character in flow sequence');
  }
  st.pos++;
  st.kid = shadow;
  return arr;
}

function parseFlowMap(st: FastState, parentIndent: number): Record<string, unknown> {
  const src = st.src;
  const obj: Record<string, unknown> = {};
  const shadow: Shadow = [MAP];
  st.pos++;
  for (;;) {
    skipFlowSpace(st, parentIndent);
    let c = src.charCodeAt(st.pos);
    if (c === 125) break;
    const offset = st.pos;
    let key: string;
    if (c === 34 || c === 39) {
      key = parseQuoted(st, parentIndent);
      if (st.multiline) st.bail('multi-line key');
    } else {
      if (c === 91 || c === 123 || badFlowStart(st, c)) st.bail('unsupported flow key');
      const raw = scanPlainFlow(st);
      if (raw === '<<') st.bail('merge key');
      key = resolvePlainKey(raw);
    }
    skipFlowSpace(st, parentIndent);
    c = src.charCodeAt(st.pos);
    let value: unknown = null;
    st.kid = NO_SHADOW;
    if (c === 58) {
      st.pos++;
      skipFlowSpace(st, parentIndent);
      c = src.charCodeAt(st.pos);
      if (c !== 44 && c !== 125) {
        value = parseFlowNode(st, parentIndent);
        skipFlowSpace(st, parentIndent);
        c = src.charCodeAt(st.pos);
      }
    }
    st.setKey(obj, key, value, offset, shadow, st.kid);
    if (c === 44) {
      st.pos++;
      continue;
    }
    if (c === 125) break;
    st.bail('unexpected character in flow mapping');
  }
  st.pos++;
  st.kid = shadow;
  return obj;
}

/** A flow sequence or mapping at st.pos; leaves st.pos after its closing bracket and st.kid = its shadow. */
export function parseFlow(st: FastState, parentIndent: number): unknown {
  st.enter();
  const value = st.src.charCodeAt(st.pos) === 91 ? parseFlowSeq(st, parentIndent) : parseFlowMap(st, parentIndent);
  st.leave();
  return value;
}
