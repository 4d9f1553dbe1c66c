/**
 * Lines of a byte stream, each at most `maxBytes` long: a longer line is not kept in memory (its bytes past the
 * limit are dropped as they arrive) and comes out as `{ oversized: bytes }`. The last line comes out with
 * `last: true` when the stream does not end with a line break (a file still being written, or cut off).
 */
export type Line = { text: string; line: number; last?: true } | { oversized: number; line: number; last?: true };

export async function* boundedLines(chunks: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let lineNo = 0;
  const finish = (last: boolean): Line => {
    lineNo++;
    const out: Line = skipping ? { oversized: size, line: lineNo } : { text: (parts.length === 1 ? parts[0]! : Buffer.concat(parts, size)).toString('utf8'), line: lineNo };
    if (last) out.last = true;
    parts = [];
    size = 0;
    skipping = false;
    return out;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      const piece = end - start;
      if (piece > 0) {
        if (!skipping && size + piece > maxBytes) ((skipping = true), (parts = []));
        if (!skipping) parts.push(chunk.subarray(start, end));
        size += piece;
      }
      if (nl === -1) break;
      yield finish(false);
      start = nl + 1;
    }
  }
  if (size > 0 || skipping) yield finish(true);
}
