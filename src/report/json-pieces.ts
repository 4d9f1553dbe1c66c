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
  for (let i = 0; i < items.length; i += batch) {
    const parts: string[] = [];
    const end = Math.min(items.length, i + batch);
    for (let j = i; j < end; j++) parts.push(JSON.stringify(toJson(items[j]!), null, 2).replace(/\n/g, '\n' + inner));
    yield (i > 0 ? sep : '') + parts.join(sep);
  }
  yield '\n' + indent + ']';
}
