import { NO_SHADOW, type Kid, type Shadow } from './shadow.js';

/** Thrown by the fast parser when a document leaves the supported subset: the document is re-read by the `yaml` library. */
export class FastPathBail {
  constructor(readonly reason: string, readonly offset: number) {}
}

/** Thrown when nesting goes past the limit; never handed to the `yaml` library (it recurses). */
export class DepthExceeded {
  constructor(readonly offset: number, readonly limit: number) {}
}

export interface OffsetWarning {
  code: string;
  message: string;
  offset: number;
}

export const isBlankCode = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The cursor and scratch fields shared by the fast parser's pieces (block, flow, quoted, block scalar).
 * Offsets are into the whole stream text; a document is the range [pos, end).
 */
export class FastState {
  /** Column of the content at `pos` after skipToContent(); -1 at the end of the document. */
  col = -1;
  depth = 0;
  /** Shadow of the node parsed last. */
  kid: Kid = NO_SHADOW;
  /** Set by the quoted-scalar parser when the scalar spanned lines. */
  multiline = false;
  /** scanPlainLine results: end of the trimmed text, where scanning stopped, the ': ' indicator (-1: none). */
  scanEnd = 0;
  scanStop = 0;
  keyAt = -1;
  warnings: OffsetWarning[] = [];

  constructor(
    readonly src: string,
    public pos: number,
    readonly end: number,
    readonly maxDepth: number,
  ) {}

  bail(reason: string, at = this.pos): never {
    throw new FastPathBail(reason, at);
  }

  enter(): void {
    if (++this.depth > this.maxDepth) throw new DepthExceeded(this.pos, this.maxDepth);
  }

  leave(): void {
    this.depth--;
  }

  /** True when the character at `i` is a space, tab, line break or the end of the document. */
  blankAt(i: number): boolean {
    return i >= this.end || isBlankCode(this.src.charCodeAt(i));
  }

  /**
   * Move past the rest of the current line (only spaces and a comment allowed there) and any blank or
   * comment lines, to the next content. Sets and returns `col` (-1 at the end of the document).
   */
  skipToContent(): number {
    const src = this.src;
    const end = this.end;
    let p = this.pos;
    if (p > 0 && p < end && src.charCodeAt(p - 1) !== 10) {
      const from = p;
      while (p < end && (src.charCodeAt(p) === 32 || src.charCodeAt(p) === 9)) p++;
      if (p < end) {
        let c = src.charCodeAt(p);
        if (c === 35) {
          const prev = src.charCodeAt(p - 1);
          if (p === from && prev !== 32 && prev !== 9) this.bail('comment without space', p);
          const nl = src.indexOf('\n', p);
          p = nl === -1 || nl >= end ? end : nl + 1;
        } else if (c === 13) {
          if (src.charCodeAt(p + 1) !== 10) this.bail('bare carriage return', p);
          p += 2;
        } else if (c === 10) {
          p++;
        } else {
          this.bail('unexpected content after a value', p);
        }
        c = 0;
      }
    }
    while (p < end) {
      const lineStart = p;
      while (p < end && src.charCodeAt(p) === 32) p++;
      if (p >= end) break;
      let c = src.charCodeAt(p);
      if (c === 9) {
        let q = p;
        while (q < end && ((c = src.charCodeAt(q)) === 9 || c === 32)) q++;
        if (q < end && c !== 10 && c !== 13 && c !== 35) this.bail('tab in indentation', p);
        p = q;
        if (p >= end) break;
      }
      if (c === 35) {
        const nl = src.indexOf('\n', p);
        p = nl === -1 || nl >= end ? end : nl + 1;
        continue;
      }
      if (c === 10) {
        p++;
        continue;
      }
      if (c === 13) {
        if (src.charCodeAt(p + 1) !== 10) this.bail('bare carriage return', p);
        p += 2;
        continue;
      }
      this.pos = p;
      this.col = p - lineStart;
      return this.col;
    }
    this.pos = end;
    this.col = -1;
    return -1;
  }

  /** Skip spaces and tabs on the current line. */
  skipInline(p: number): number {
    const src = this.src;
    while (p < this.end) {
      const c = src.charCodeAt(p);
      if (c !== 32 && c !== 9) break;
      p++;
    }
    return p;
  }

  /** Set a map entry: last duplicate wins (with a warning), `__proto__` stays an own data property. */
  setKey(obj: Record<string, unknown>, key: string, value: unknown, offset: number, shadow: Shadow, kid: Kid): void {
    if (obj[key] !== undefined && Object.hasOwn(obj, key)) {
      this.warnings.push({ code: 'duplicate-key', message: `duplicate key "${key}": the last value is used`, offset });
    }
    if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    else obj[key] = value;
    shadow.push(key, offset, kid);
  }
}
