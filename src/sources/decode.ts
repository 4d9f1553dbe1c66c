import { isUtf8 } from 'node:buffer';
import type { LoadProblem } from '../model/problem.js';

/** How many leading bytes are checked for NUL to call a file binary (git and grep use the same idea). */
const BINARY_PROBE_BYTES = 8 * 1024;

export interface Decoded {
  /** The text to scan; undefined when the bytes are not text at all (binary). */
  text: string | undefined;
  /** What was wrong with the bytes; empty for clean UTF-8. */
  problems: LoadProblem[];
}

/**
 * Bytes of a manifest → text, rejecting nothing silently:
 * - a UTF-8 byte order mark is dropped;
 * - UTF-16 LE/BE with a byte order mark is decoded;
 * - NUL bytes near the start mean a binary file: a problem, nothing scanned;
 * - any other invalid UTF-8 is a problem at the first bad byte, and the text decoded with
 *   replacement characters is still scanned, so no object is lost to one bad byte.
 */
export function decodeBytes(bytes: Uint8Array, file: string): Decoded {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return decodeUtf16(buf.subarray(2), 'le', file);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return decodeUtf16(buf.subarray(2), 'be', file);
  const body = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  if (body.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { text: undefined, problems: [binary(file)] };
  if (isUtf8(body)) return { text: body.toString('utf8'), problems: [] };
  const bad = firstInvalidUtf8(body);
  const { line, column } = lineAndColumn(body, bad);
  const byte = body[bad]!.toString(16).toUpperCase().padStart(2, '0');
  const problem: LoadProblem = {
    code: 'invalid-manifest',
    message: `file is not valid UTF-8 (byte 0x${byte} at line ${line}, column ${column}; Latin-1 or another encoding?): scanned with replacement characters`,
    file,
    line,
    column,
  };
  return { text: body.toString('utf8'), problems: [problem] };
}

function binary(file: string): LoadProblem {
  return { code: 'invalid-manifest', message: 'binary file, not a manifest', file, line: 1, column: 1 };
}

function decodeUtf16(body: Buffer, order: 'le' | 'be', file: string): Decoded {
  const problems: LoadProblem[] = [];
  let even = body.length % 2 === 0 ? body : body.subarray(0, body.length - 1);
  if (even !== body) {
    problems.push({ code: 'invalid-manifest', message: `UTF-16 (${order.toUpperCase()}) file has an odd number of bytes: last byte dropped`, file, line: 1, column: 1 });
  }
  if (order === 'be') even = Buffer.from(even).swap16();
  const text = new TextDecoder('utf-16le').decode(even);
  if (text.slice(0, BINARY_PROBE_BYTES).includes('\u0000')) return { text: undefined, problems: [binary(file)] };
  return { text, problems };
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const n = b[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (n === undefined || n < min || n > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line, and column in characters, of a byte offset whose line prefix is valid UTF-8. */
function lineAndColumn(b: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = b.subarray(lineStart, offset).toString('utf8');
  return { line, column: [...prefix].length + 1 };
}
