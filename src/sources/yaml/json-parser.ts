// A JSON scanner that records the same position shadows as the YAML parsers. Strings without escapes
// are sliced; strings with escapes go through JSON.parse of their slice (exact, and rare).
import { DepthExceeded, type OffsetWarning } from './fast-state.js';
import { MAP, NO_SHADOW, SEQ, type Kid, type Shadow } from './shadow.js';

export class JsonSyntaxError {
  constructor(readonly message: string, readonly offset: number) {}
}

class JsonScanner {
  pos: number;
  kid: Kid = NO_SHADOW;
  depth = 0;
  warnings: OffsetWarning[] = [];

  constructor(readonly src: string, start: number, readonly maxDepth: number) {
    this.pos = start;
  }

  fail(message: string, at = this.pos): never {
    throw new JsonSyntaxError(at >= this.src.length ? `${message} (unexpected end of JSON)` : message, at);
  }

  ws(): void {
    const src = this.src;
    let p = this.pos;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  value(): unknown {
    this.ws();
    const c = this.src.charCodeAt(this.pos);
    this.kid = NO_SHADOW;
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === 34) return this.string();
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    if (this.src.startsWith('true', this.pos)) return this.word(4, true);
    if (this.src.startsWith('false', this.pos)) return this.word(5, false);
    if (this.src.startsWith('null', this.pos)) return this.word(4, null);
    return this.fail(Number.isNaN(c) ? 'expected a value' : `unexpected character '${this.src[this.pos]}'`);
  }

  word(len: number, v: unknown): unknown {
    this.pos += len;
    return v;
  }

  number(): number {
    const src = this.src;
    const start = this.pos;
    let p = start;
    if (src.charCodeAt(p) === 45) p++;
    const digits = (): void => {
      const from = p;
      while (src.charCodeAt(p) >= 48 && src.charCodeAt(p) <= 57) p++;
      if (p === from) this.fail('bad number', p);
    };
    if (src.charCodeAt(p) === 48) p++;
    else digits();
    if (src.charCodeAt(p) === 46) {
      p++;
      digits();
    }
    const e = src.charCodeAt(p);
    if (e === 101 || e === 69) {
      p++;
      if (src.charCodeAt(p) === 43 || src.charCodeAt(p) === 45) p++;
      digits();
    }
    this.pos = p;
    return Number(src.slice(start, p));
  }

  string(): string {
    const src = this.src;
    const start = this.pos;
    let p = start + 1;
    let escaped = false;
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        p += 2;
        continue;
      }
      if (Number.isNaN(c)) this.fail('unterminated string', start);
      if (c < 32) this.fail('control character in string', p);
      p++;
    }
    this.pos = p + 1;
    if (!escaped) return src.slice(start + 1, p);
    try {
      return JSON.parse(src.slice(start, p + 1)) as string;
    } catch {
      return this.fail('bad escape in string', start);
    }
  }

  object(): Record<string, unknown> {
    if (++this.depth > this.maxDepth) throw new DepthExceeded(this.pos, this.maxDepth);
    const src = this.src;
    const obj: Record<string, unknown> = {};
    const shadow: Shadow = [MAP];
    this.pos++;
    this.ws();
    if (src.charCodeAt(this.pos) === 125) this.pos++;
    else {
      for (;;) {
        this.ws();
        const offset = this.pos;
        if (src.charCodeAt(offset) !== 34) this.fail('expected a property name');
        const key = this.string();
        this.ws();
        if (src.charCodeAt(this.pos) !== 58) this.fail("expected ':'");
        this.pos++;
        const value = this.value();
        if (obj[key] !== undefined && Object.hasOwn(obj, key)) {
          this.warnings.push({ code: 'duplicate-key', message: `duplicate key "${key}": the last value is used`, offset });
        }
        if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
        else obj[key] = value;
        shadow.push(key, offset, this.kid);
        this.ws();
        const c = src.charCodeAt(this.pos++);
        if (c === 44) continue;
        if (c === 125) break;
        this.fail("expected ',' or '}'", this.pos - 1);
      }
    }
    this.depth--;
    this.kid = shadow;
    return obj;
  }

  array(): unknown[] {
    if (++this.depth > this.maxDepth) throw new DepthExceeded(this.pos, this.maxDepth);
    const src = this.src;
    const arr: unknown[] = [];
    const shadow: Shadow = [SEQ];
    this.pos++;
    this.ws();
    if (src.charCodeAt(this.pos) === 93) this.pos++;
    else {
      for (;;) {
        this.ws();
        const offset = this.pos;
        arr.push(this.value());
        shadow.push(offset, this.kid);
        this.ws();
        const c = src.charCodeAt(this.pos++);
        if (c === 44) continue;
        if (c === 93) break;
        this.fail("expected ',' or ']'", this.pos - 1);
      }
    }
    this.depth--;
    this.kid = shadow;
    return arr;
  }
}

export interface JsonDocument {
  value: unknown;
  kid: Kid;
  rootOffset: number;
  warnings: OffsetWarning[];
}

/** Parse a whole JSON text from `start`. Throws JsonSyntaxError or DepthExceeded. */
export function parseJsonDocument(src: string, start: number, maxDepth: number): JsonDocument {
  const s = new JsonScanner(src, start, maxDepth);
  s.ws();
  const rootOffset = s.pos;
  const value = s.value();
  const kid = s.kid;
  s.ws();
  if (s.pos < src.length) s.fail('unexpected content after the JSON value');
  return { value, kid, rootOffset, warnings: s.warnings };
}
