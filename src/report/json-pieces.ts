/**
 * `JSON.stringify(doc, null, 2)` in pieces, for documents with one or more huge arrays: each big
 * array is given as a placeholder, the rest of the document is serialised once, and the arrays are
 * serialised item by item in batches at the right indentation. The concatenated pieces are
 * byte-for-byte what `JSON.stringify` of the whole document gives.
 */

export interface StreamedArray<T> {
  items: readonly T[];
  toJson: (item: T) => unknown;
}

const MARK = '\u0000kubeward-streamed-array-';

/** A placeholder for `streamed[i]`, to put in the document where the array goes. */
export function placeholder(i: number): string {
  return `${MARK}${i}`;
}

export function* jsonPieces(doc: unknown, streamed: readonly StreamedArray<any>[], batch = 500): Generator<string> {
  const text = JSON.stringify(doc, null, 2);
  let from = 0;
  for (let i = 0; i < streamed.length; i++) {
    const token = JSON.stringify(placeholder(i));
    const at = text.indexOf(token, from);
    if (at < 0) throw new Error(`placeholder ${i} not in the document`);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    // The array's items go one level deeper than the line it starts on; its `]` at that line's level.
    const indent = /^ */.exec(text.slice(lineStart, at))![0];
    yield text.slice(from, at);
    yield* arrayPieces(streamed[i]!, indent, batch);
    from = at + token.length;
  }
  yield text.slice(from);
}

function* arrayPieces<T>({ items, toJson }: StreamedArray<T>, indent: string, batch: number): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  const inner = indent + '  ';
  const sep = ',\n' + inner;
  yield '[\n' + inner;
  // Each batch is stringified as one array nested so deep that its items land at `inner` already (an
  // indent of an odd width falls back to re-indenting each item), then the wrapping brackets are cut off.
  const depth = inner.length / 2;
  const even = Number.isInteger(depth) && inner === ' '.repeat(inner.length);
  for (let i = 0; i < items.length; i += batch) {
    const end = Math.min(items.length, i + batch);
    if (even) {
      let wrapped: unknown = items.slice(i, end).map(toJson);
      for (let d = 1; d < depth; d++) wrapped = [wrapped];
      const text = JSON.stringify(wrapped, null, 2);
      // The wrapper opens with "[\n  [\n    [ ... " up to the items' indentation, and closes the same way.
      let head = 0;
      for (let d = 0; d < depth; d++) head = text.indexOf('\n', head) + 1;
      let tail = text.length;
      for (let d = 0; d < depth; d++) tail = text.lastIndexOf('\n', tail - 1);
      yield (i > 0 ? sep : '') + text.slice(head + inner.length, tail);
    } else {
      const parts: string[] = [];
      for (let j = i; j < end; j++) parts.push(JSON.stringify(toJson(items[j]!), null, 2).replace(/\n/g, '\n' + inner));
      yield (i > 0 ? sep : '') + parts.join(sep);
    }
  }
  yield '\n' + indent + ']';
}
