// Minimal text edits that turn one parsed YAML/JSON value into another, written into the original
// text: only the fields that change are rewritten, so every other byte (comments, key order,
// quoting, indentation, blank lines) stays as it was.
import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { isRecord } from '../model/object.js';
import { keyString } from '../sources/yaml/scalar-resolve.js';
import { isCollection, isEmptyCollection, renderBlock, renderFlow, renderJson, renderKey, renderScalar, type TextStyle } from './render-value.js';

/** Replace text[start, end) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A change that cannot be written without touching more than it should; the document is left alone. */
export class EditError extends Error {}

/** Where a node sits: what a replacement must look like depends on it. */
type Place =
  | { kind: 'root' }
  | { kind: 'value'; keyColumn: number; flow: boolean }
  | { kind: 'item'; dashColumn: number; flow: boolean };

export class EditBuilder {
  readonly edits: TextEdit[] = [];

  constructor(private readonly text: string, private readonly style: TextStyle) {}

  /** Edits that turn `before` (the value `node` was read as) into `after`. */
  diff(node: unknown, before: unknown, after: unknown, place: Place = { kind: 'root' }): void {
    if (isDeepStrictEqual(before, after)) return;
    if (isAlias(node)) throw new EditError('the change goes through a YAML alias');
    const nonEmpty = (n: YAMLMap | YAMLSeq) => n.items.length > 0 && !isEmptyCollection(after);
    if (isMap(node) && isRecord(before) && isRecord(after) && nonEmpty(node)) return this.map(node, before, after, place);
    if (isSeq(node) && Array.isArray(before) && Array.isArray(after) && nonEmpty(node)) return this.seq(node, before, after, place);
    this.replace(node as Node | null, after, place);
  }

  // ---- text helpers ----

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** End of the node's own text, without the line breaks and blanks a block node's range ends with. */
  private contentEnd(node: Node): number {
    let end = node.range![1];
    while (end > node.range![0] && /[\s]/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** The offset of the line break that ends the line holding `offset` (or the end of the text). */
  private lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    if (nl < 0) return this.text.length;
    return this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  private onlySpaceBefore(offset: number): boolean {
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(offset), offset));
  }

  // ---- maps ----

  private pairs(node: YAMLMap): Map<string, Pair> {
    const out = new Map<string, Pair>();
    for (const p of node.items) {
      if (!isPair(p)) continue;
      if (isAlias(p.key) || (p.key !== null && !isScalar(p.key))) continue;
      out.set(keyString(isScalar(p.key) ? p.key.value : p.key), p as Pair);
    }
    return out;
  }

  private map(node: YAMLMap, before: Record<string, unknown>, after: Record<string, unknown>, place: Place): void {
    const pairs = this.pairs(node);
    const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
    const removed = Object.keys(before).filter((k) => !has(after, k));
    const added = Object.keys(after).filter((k) => !has(before, k));
    const kept = node.items.filter((p) => isPair(p) && !removed.some((k) => pairs.get(k) === p));
    // A flow map that loses an entry, or a map whose every entry goes while new ones come, is written anew.
    if ((node.flow && removed.length) || (kept.length === 0 && added.length)) return this.replace(node, after, place);
    for (const key of Object.keys(after)) {
      if (!has(before, key)) {
        // A key only present through a merge (`<<:`) is written explicitly, which overrides the merge.
        if (pairs.has(key)) throw new EditError(`key "${key}" is written but was not read`);
        continue;
      }
      const pair = pairs.get(key);
      if (!pair) throw new EditError(`key "${key}" is read but not written in this map (a merge key?)`);
      const keyNode = pair.key as Node;
      if (pair.value === null || pair.value === undefined) {
        if (!isDeepStrictEqual(before[key], after[key])) this.replaceMissingValue(pair, after[key]);
        continue;
      }
      this.diff(pair.value, before[key], after[key], { kind: 'value', keyColumn: this.column(keyNode.range![0]), flow: !!node.flow });
    }
    for (const key of removed) {
      const pair = pairs.get(key);
      if (!pair) throw new EditError(`key "${key}" to remove is not written in this map`);
      this.removePair(node, pair);
    }
    if (added.length) this.insertPairs(node, kept as Pair[], added.map((k) => [k, after[k]]));
  }

  private replaceMissingValue(pair: Pair, value: unknown): void {
    const key = pair.key as Node;
    const colon = this.text.indexOf(':', key.range![1]);
    if (colon < 0) throw new EditError('cannot find the ":" after a key');
    this.edits.push({ start: colon + 1, end: colon + 1, text: this.valueAfterKey(value, this.column(key.range![0]), false) });
  }

  /** What follows `key:` for a value: ` scalar`, or a line break and an indented block. */
  private valueAfterKey(value: unknown, keyColumn: number, flow: boolean): string {
    const s = this.style;
    if (s.json) return ' ' + renderJson(value, this.jsonColumn(keyColumn), s);
    if (flow || !isCollection(value) || isEmptyCollection(value)) return ' ' + renderFlow(value, s);
    const col = Array.isArray(value) && !s.indentSeq ? keyColumn : keyColumn + s.indent;
    return s.eol + ' '.repeat(col) + renderBlock(value, col, s);
  }

  /** For JSON, nested lines are indented from the start of the key's line, not from the quote. */
  private jsonColumn(keyColumn: number): number {
    return keyColumn;
  }

  /** Add entries after the last of `items` (the map's entries that stay). */
  private insertPairs(node: YAMLMap, items: Pair[], entries: [string, unknown][]): void {
    const s = this.style;
    if (node.flow) {
      const last = items[items.length - 1];
      if (!last) throw new EditError('empty flow map');
      const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
      const sameLine = this.text.lastIndexOf('\n', lastEnd) < node.range![0];
      const keyColumn = this.column((last.key as Node).range![0]);
      const sep = sameLine ? ', ' : ',' + s.eol + ' '.repeat(keyColumn);
      const body = entries.map(([k, v]) => `${renderKey(k, s)}:${sameLine && s.json ? ' ' + JSON.stringify(v) : this.valueAfterKey(v, keyColumn, true)}`);
      this.edits.push({ start: lastEnd, end: lastEnd, text: sep + body.join(sep) });
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) throw new EditError('empty block map');
    const keyColumn = this.column((first.key as Node).range![0]);
    const lastNode = (last.value as Node | null) ?? (last.key as Node);
    const at = this.lineEnd(this.contentEnd(lastNode));
    const pad = ' '.repeat(keyColumn);
    const text = entries.map(([k, v]) => s.eol + pad + renderKey(k, s) + ':' + this.valueAfterKey(v, keyColumn, false)).join('');
    this.edits.push({ start: at, end: at, text });
  }

  private removePair(node: YAMLMap, pair: Pair): void {
    const key = pair.key as Node;
    if (node.flow) throw new EditError('removing from a flow map');
    if (!this.onlySpaceBefore(key.range![0])) throw new EditError('the key to remove shares its line');
    const start = this.lineStart(key.range![0]);
    const endNode = (pair.value as Node | null) ?? key;
    let end = this.text.indexOf('\n', this.contentEnd(endNode));
    end = end < 0 ? this.text.length : end + 1;
    this.edits.push({ start, end, text: '' });
  }

  // ---- sequences ----

  private dashColumn(item: Node): number {
    let p = item.range![0] - 1;
    while (p >= 0 && (this.text[p] === ' ' || this.text[p] === '\t')) p--;
    if (this.text[p] !== '-') throw new EditError('cannot find the "-" of a sequence item');
    return this.column(p);
  }

  private seq(node: YAMLSeq, before: unknown[], after: unknown[], place: Place): void {
    const items = node.items as (Node | null)[];
    if (items.length !== before.length) throw new EditError('sequence items and values differ');
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) {
      const item = items[i] ?? null;
      const place: Place = node.flow || !item ? { kind: 'item', dashColumn: 0, flow: true } : { kind: 'item', dashColumn: this.dashColumn(item), flow: false };
      this.diff(item, before[i], after[i], place);
    }
    if (after.length < before.length) {
      if (node.flow) return this.replace(node, after, place);
      for (let i = after.length; i < before.length; i++) {
        const item = items[i]!;
        const start = this.lineStart(item.range![0]);
        if (!this.onlySpaceBefore(start + this.dashColumn(item))) throw new EditError('the item to remove shares its line');
        let end = this.text.indexOf('\n', this.contentEnd(item));
        end = end < 0 ? this.text.length : end + 1;
        this.edits.push({ start, end, text: '' });
      }
      return;
    }
    if (after.length === before.length) return;
    const added = after.slice(before.length);
    const s = this.style;
    const last = items[items.length - 1];
    if (!last) throw new EditError('empty sequence');
    if (node.flow) {
      const sameLine = this.text.lastIndexOf('\n', last.range![1]) < node.range![0];
      const col = this.column(last.range![0]);
      const sep = sameLine ? ', ' : ',' + s.eol + ' '.repeat(col);
      const body = added.map((v) => (s.json && !sameLine ? renderJson(v, col, s) : renderFlow(v, s)));
      this.edits.push({ start: last.range![1], end: last.range![1], text: sep + body.join(sep) });
      return;
    }
    const dash = this.dashColumn(last);
    const at = this.lineEnd(this.contentEnd(last));
    const text = added.map((v) => s.eol + ' '.repeat(dash) + '- ' + this.itemText(v, dash + 2)).join('');
    this.edits.push({ start: at, end: at, text });
  }

  /** A block sequence item's text after `- `. */
  private itemText(v: unknown, column: number): string {
    if (!isCollection(v) || isEmptyCollection(v)) return renderFlow(v, this.style);
    return renderBlock(v, column, this.style);
  }

  // ---- replacing a whole value ----

  private replace(node: Node | null, value: unknown, place: Place): void {
    if (!node || !node.range) throw new EditError('no node to replace');
    const s = this.style;
    const start = node.range[0];
    const block = !isScalar(node) && !(node as YAMLMap | YAMLSeq).flow;
    const end = isScalar(node) || block ? this.contentEnd(node) : node.range[1];
    const flowPlace = place.kind !== 'root' && place.flow;
    if (s.json || flowPlace || !isCollection(value) || isEmptyCollection(value)) {
      const col = this.column(this.firstNonSpace(this.lineStart(start)));
      let text = s.json ? renderJson(value, col, s) : isCollection(value) ? renderFlow(value, s) : renderScalar(value, s);
      // An empty value right after `key:` (`key:` and nothing) needs the space a written value has.
      if (this.text[start - 1] === ':') text = ' ' + text;
      this.edits.push({ start, end, text });
      return;
    }
    if (block || place.kind === 'root') {
      // The new block starts where the old one did, at the same column.
      const col = this.column(start);
      this.edits.push({ start, end, text: renderBlock(value, col, s) });
      return;
    }
    if (place.kind === 'item') {
      this.edits.push({ start, end, text: renderBlock(value, place.dashColumn + 2, s) });
      return;
    }
    // A scalar after `key:` becomes a block on the following lines.
    let from = start;
    while (from > 0 && this.text[from - 1] === ' ') from--;
    this.edits.push({ start: from, end, text: this.valueAfterKey(value, place.keyColumn, false) });
  }

  private firstNonSpace(offset: number): number {
    let p = offset;
    while (this.text[p] === ' ' || this.text[p] === '\t') p++;
    return p;
  }
}

/** Apply non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new EditError('two changes overlap in the text');
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
