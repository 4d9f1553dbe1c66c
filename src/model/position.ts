/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where the fields of one parsed document are. Implementations are built by the parsers in
 * src/sources/yaml; the model only reads them.
 */
export interface PositionIndex {
  /**
   * The position of the field (map key) or sequence item at an RFC 6901 JSON pointer
   * ("" is the document root). When the pointer names something that does not exist, the
   * position of its nearest existing ancestor.
   */
  locate(pointer: string): Position;
}

/** A PositionIndex for input without positions: everything is at one place. */
export function fixedPositions(pos: Position): PositionIndex {
  return { locate: () => pos };
}

/** Escape one JSON pointer segment. */
export function pointerSegment(key: string | number): string {
  const s = String(key);
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

export function joinPointer(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const seg of segments) out += '/' + pointerSegment(seg);
  return out;
}

/** Split a JSON pointer into unescaped segments. "" → []. */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => (s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s));
}
