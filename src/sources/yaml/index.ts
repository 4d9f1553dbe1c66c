// PROVISIONAL: a plain `yaml`-library implementation of the parsing contract, to be replaced by the
// fast path (see types.ts). Positions come from the yaml library's node ranges.
import { LineCounter, parseAllDocuments, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';
import type { Position, PositionIndex } from '../../model/position.js';
import { splitPointer } from '../../model/position.js';
import type { ParsedDocument, ParseLimits } from './types.js';

export type { ParsedDocument, ParseLimits, DocumentWarning } from './types.js';

function indexFor(root: Node | null | undefined, lc: LineCounter, start: Position): PositionIndex {
  return {
    locate(pointer: string): Position {
      let node: unknown = root;
      let pos: { line: number; col: number } = root && (root as Node).range ? lc.linePos((root as Node).range![0]) : { line: start.line, col: start.column };
      for (const seg of splitPointer(pointer)) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg);
          if (!pair) break;
          const k = pair.key as Node;
          if (k.range) pos = lc.linePos(k.range[0]);
          node = pair.value;
        } else if (isSeq(node)) {
          const item = node.items[Number(seg)] as Node | undefined;
          if (!item) break;
          if (item.range) pos = lc.linePos(item.range[0]);
          node = item;
        } else break;
      }
      return { line: pos.line, column: pos.col };
    },
  };
}

export function parseYamlStream(text: string, limits: ParseLimits = {}): ParsedDocument[] {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, version: '1.1', uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  return list.map((doc, index) => {
    const startPos = lc.linePos(doc.range[0]);
    const start = { line: startPos.line, column: startPos.col };
    const positions = indexFor(doc.contents as Node | null, lc, start);
    const err = doc.errors[0];
    if (err) {
      const p = err.linePos?.[0] ?? startPos;
      return { index, startLine: start.line, value: undefined, positions, error: { message: err.message.split('\n')[0]!, line: p.line, column: p.col }, warnings: [] };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasNodes ?? 100 });
    } catch (e) {
      return { index, startLine: start.line, value: undefined, positions, error: { message: String((e as Error).message), ...start }, warnings: [] };
    }
    return { index, startLine: start.line, value: value ?? undefined, positions, warnings: [] };
  });
}

export function parseJsonText(text: string, limits: ParseLimits = {}): ParsedDocument[] {
  return parseYamlStream(text, limits);
}
