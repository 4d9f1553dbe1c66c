// Writing fixed objects back into their file's text, document by document, touching only what changed.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { splitPointer } from '../model/position.js';
import { parseJsonText, parseYamlStream } from '../sources/yaml/index.js';
import { applyEdits, EditBuilder, EditError, type TextEdit } from './text-edits.js';
import type { TextStyle } from './render-value.js';

/** One object to rewrite: where it is, what it was read as, and what it must become. */
export interface ObjectChange {
  /** 0-based YAML document index (as the manifest reader counts documents). */
  document: number;
  /** JSON pointer of the object in its document ("" or "/items/N" in a List). */
  pointerPrefix: string;
  before: unknown;
  after: unknown;
}

export interface Rewritten {
  text: string;
  /** Documents that could not be rewritten, with why; their text is left as it was. */
  failed: { document: number; reason: string }[];
}

function detectStyle(text: string, docs: Document[], json: boolean): TextStyle {
  const style: TextStyle = { indent: 2, indentSeq: true, eol: text.includes('\r\n') ? '\r\n' : '\n', json };
  let indentFound = false;
  let seqFound = false;
  const column = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const visit = (node: unknown, depth: number): void => {
    if ((indentFound && seqFound) || depth > 50) return;
    if (isMap(node)) {
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const key = p.key as Node | null;
        const value = p.value as Node | null;
        if (key?.range && value?.range && (json || !node.flow)) {
          if (!indentFound && isMap(value) && (json || !value.flow) && value.items[0]) {
            const child = (value.items[0] as { key?: Node }).key;
            const ownLine = child?.range && text.lastIndexOf('\n', child.range[0]) > key.range[0];
            const step = child?.range && ownLine ? column(child.range[0]) - column(key.range[0]) : 0;
            if (step > 0) {
              style.indent = step;
              indentFound = true;
            }
          }
          if (!seqFound && !json && isSeq(value) && !value.flow && value.items[0]) {
            const item = value.items[0] as Node | null;
            if (item?.range) {
              let p0 = item.range[0] - 1;
              while (p0 > 0 && text[p0] === ' ') p0--;
              if (text[p0] === '-') {
                style.indentSeq = column(p0) > column(key.range[0]);
                seqFound = true;
              }
            }
          }
        }
        visit(value, depth + 1);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item, depth + 1);
  };
  for (const d of docs) visit(d.contents, 0);
  if (json && !indentFound) style.indent = 2;
  return style;
}

function nodeAt(doc: Document, pointer: string): unknown {
  if (pointer === '') return doc.contents;
  const path = splitPointer(pointer).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return doc.getIn(path, true);
}

function valueAt(value: unknown, pointer: string): unknown {
  let v = value;
  for (const seg of splitPointer(pointer)) v = (v as Record<string, unknown> | undefined)?.[seg];
  return v;
}

/** Stands for a document that does not parse (it must stay so, and a rewritten one must not become so). */
const UNREADABLE = Object.freeze({ unreadable: true });

function parseValues(text: string, json: boolean): unknown[] {
  const docs = json ? parseJsonText(text) : parseYamlStream(text);
  return docs.map((d) => (d.error ? UNREADABLE : d.value));
}

/**
 * Rewrite `text` so that each changed object reads back as its `after` value. Only the fields that
 * differ are rewritten; the result is read back with the scanner's own parser and a document whose
 * result is not exactly what was asked for (or that the editor cannot handle) is left unchanged and
 * reported in `failed`. Pure.
 */
export function rewriteText(text: string, changes: readonly ObjectChange[], json: boolean): Rewritten {
  const failed: Rewritten['failed'] = [];
  if (changes.length === 0) return { text, failed };
  const docs = parseAllDocuments(text, { uniqueKeys: false }) as unknown as Document[];
  const list = Array.isArray(docs) ? docs : [];
  const style = detectStyle(text, list, json);
  const byDoc = new Map<number, ObjectChange[]>();
  for (const c of changes) byDoc.set(c.document, [...(byDoc.get(c.document) ?? []), c]);
  const editsByDoc = new Map<number, TextEdit[]>();
  for (const [index, docChanges] of byDoc) {
    const doc = list[index];
    if (!doc || doc.errors.length) {
      failed.push({ document: index, reason: 'the YAML library cannot read this document' });
      continue;
    }
    try {
      const builder = new EditBuilder(text, style);
      for (const c of docChanges) builder.diff(nodeAt(doc, c.pointerPrefix), c.before, c.after);
      applyEdits(text, builder.edits); // throws EditError when two of this document's edits overlap
      editsByDoc.set(index, builder.edits);
    } catch (err) {
      if (!(err instanceof EditError)) throw err;
      failed.push({ document: index, reason: err.message });
    }
  }
  const original = parseValues(text, json);
  // Apply, read back, and drop the documents that did not come out exactly as asked; then again.
  for (let attempt = 0; attempt <= byDoc.size; attempt++) {
    const out = applyEdits(text, [...editsByDoc.values()].flat());
    const values = parseValues(out, json);
    const wrong: number[] = [];
    if (values.length !== original.length) wrong.push(...editsByDoc.keys());
    else {
      for (let i = 0; i < values.length; i++) {
        const changed = byDoc.get(i);
        if (!changed || !editsByDoc.has(i)) {
          if (!isDeepStrictEqual(values[i], original[i])) wrong.push(...editsByDoc.keys());
          continue;
        }
        if (!changed.every((c) => isDeepStrictEqual(valueAt(values[i], c.pointerPrefix), c.after))) wrong.push(i);
      }
    }
    if (wrong.length === 0) return { text: out, failed };
    for (const i of new Set(wrong)) {
      if (editsByDoc.delete(i)) failed.push({ document: i, reason: 'the rewritten document did not read back as the fixed object' });
    }
  }
  return { text, failed };
}
