// The fast path: a hand-written parser for the block-YAML subset manifests use. It scans char codes,
// builds plain JS values and records key/item offsets in shadows (see shadow.ts). Anything outside the
// subset throws FastPathBail and the document is re-read by the `yaml` library (fallback.ts).
import { parseBlockScalar } from './block-scalar.js';
import type { FastState } from './fast-state.js';
import { parseFlow } from './flow-parser.js';
import { parsePlainBlock, scanPlainLine } from './plain-scalar.js';
import { parseQuoted } from './quoted-scalar.js';
import { resolvePlain, resolvePlainKey } from './scalar-resolve.js';
import { MAP, NO_SHADOW, SEQ, type Kid, type Shadow } from './shadow.js';

/** Characters that never start a node we parse ourselves (anchors, aliases, tags, complex keys, reserved). */
function unsupportedStart(st: FastState, c: number): boolean {
  switch (c) {
    case 38: case 42: case 33: case 37: case 64: case 96: case 44: case 93: case 125: case 35:
      return true;
    case 63: case 58: // ? :
      return st.blankAt(st.pos + 1);
    default:
      return false;
  }
}

/**
 * The node at st.pos (column `col`) inside a block collection indented `parentIndent`. With
 * `collections` false (a value on its key's line) block sequences and mappings are not allowed.
 * Leaves st at the next content (st.col) and st.kid = the node's shadow.
 */
function parseBlockNode(st: FastState, parentIndent: number, col: number, collections: boolean): unknown {
  const src = st.src;
  const c = src.charCodeAt(st.pos);
  if (c === 45 && st.blankAt(st.pos + 1)) {
    if (!collections) st.bail('block sequence on a key line');
    return parseBlockSeq(st, col);
  }
  if (c === 91 || c === 123) {
    const value = parseFlow(st, parentIndent);
    const kid = st.kid;
    st.skipToContent();
    st.kid = kid;
    return value;
  }
  st.kid = NO_SHADOW;
  if (c === 124 || c === 62) {
    const value = parseBlockScalar(st, parentIndent);
    st.skipToContent();
    return value;
  }
  if (c === 34 || c === 39) {
    const start = st.pos;
    const value = parseQuoted(st, parentIndent);
    if (!st.multiline) {
      const p = st.skipInline(st.pos);
      if (p < st.end && src.charCodeAt(p) === 58 && st.blankAt(p + 1)) {
        if (!collections) st.bail('mapping on a key line');
        st.pos = start;
        return parseBlockMap(st, col);
      }
    }
    st.skipToContent();
    return value;
  }
  if (unsupportedStart(st, c)) st.bail('unsupported node');
  scanPlainLine(st, st.pos);
  if (st.keyAt >= 0) {
    if (!collections) st.bail('mapping on a key line');
    return parseBlockMap(st, col);
  }
  const value = resolvePlain(parsePlainBlock(st, parentIndent));
  st.skipToContent();
  return value;
}

/**
 * The value below a key with nothing after it on its line: a node indented more than `indent`, a block
 * sequence at the same indentation, or null.
 */
function parseValueBelow(st: FastState, indent: number): unknown {
  const col = st.skipToContent();
  if (col > indent) return parseBlockNode(st, indent, col, true);
  if (col === indent && st.src.charCodeAt(st.pos) === 45 && st.blankAt(st.pos + 1)) return parseBlockSeq(st, col);
  st.kid = NO_SHADOW;
  return null;
}

function parseBlockMap(st: FastState, col: number): Record<string, unknown> {
  st.enter();
  const src = st.src;
  const obj: Record<string, unknown> = {};
  const shadow: Shadow = [MAP];
  for (;;) {
    const keyOffset = st.pos;
    const c = src.charCodeAt(keyOffset);
    let key: string;
    if (c === 34 || c === 39) {
      key = parseQuoted(st, col);
      if (st.multiline) st.bail('multi-line key');
      const p = st.skipInline(st.pos);
      if (p >= st.end || src.charCodeAt(p) !== 58 || !st.blankAt(p + 1)) st.bail('expected a key');
      st.pos = p + 1;
    } else {
      if (c === 91 || c === 123 || c === 124 || c === 62 || unsupportedStart(st, c) || (c === 45 && st.blankAt(keyOffset + 1))) {
        st.bail('unsupported key');
      }
      scanPlainLine(st, keyOffset);
      if (st.keyAt < 0) st.bail('expected a key');
      const raw = src.slice(keyOffset, st.scanEnd);
      if (raw === '<<') st.bail('merge key');
      if (raw.length > 1024) st.bail('key too long');
      key = resolvePlainKey(raw);
      st.pos = st.keyAt + 1;
    }
    const p = st.skipInline(st.pos);
    const vc = p < st.end ? src.charCodeAt(p) : 10;
    st.pos = p;
    let value: unknown;
    if (vc === 10 || vc === 13 || vc === 35) value = parseValueBelow(st, col);
    else value = parseBlockNode(st, col, col + (p - keyOffset), false);
    st.setKey(obj, key, value, keyOffset, shadow, st.kid);
    const next = st.col;
    if (next < col) break;
    if (next > col) st.bail('bad indentation');
  }
  st.leave();
  st.kid = shadow;
  return obj;
}

function parseBlockSeq(st: FastState, col: number): unknown[] {
  st.enter();
  const src = st.src;
  const arr: unknown[] = [];
  const shadow: Shadow = [SEQ];
  for (;;) {
    const dash = st.pos;
    let p = dash + 1;
    while (p < st.end && src.charCodeAt(p) === 32) p++;
    const c = p < st.end ? src.charCodeAt(p) : 10;
    if (c === 9) st.bail('tab after dash', p);
    st.pos = p;
    let value: unknown;
    let offset = p;
    if (c === 10 || c === 13 || c === 35) {
      const below = st.skipToContent();
      if (below > col) {
        offset = st.pos;
        value = parseBlockNode(st, col, below, true);
      } else {
        value = null;
        st.kid = NO_SHADOW;
      }
    } else {
      value = parseBlockNode(st, col, col + (p - dash), true);
    }
    arr.push(value);
    shadow.push(offset, st.kid as Kid);
    const next = st.col;
    if (next < col) break;
    if (next > col) st.bail('bad indentation');
    if (src.charCodeAt(st.pos) !== 45 || !st.blankAt(st.pos + 1)) break;
  }
  st.leave();
  st.kid = shadow;
  return arr;
}

export interface FastDocument {
  /** undefined when the document has no content. */
  value: unknown;
  kid: Kid;
  rootOffset: number;
}

/** Parse the document body [st.pos, st.end). Throws FastPathBail or DepthExceeded. */
export function parseFastDocument(st: FastState): FastDocument {
  const start = st.pos;
  const col = st.skipToContent();
  if (col < 0) return { value: undefined, kid: NO_SHADOW, rootOffset: start };
  const rootOffset = st.pos;
  const value = parseBlockNode(st, -1, col, true);
  const kid = st.kid;
  if (st.col >= 0) st.bail('content after the document root');
  return { value, kid, rootOffset };
}
