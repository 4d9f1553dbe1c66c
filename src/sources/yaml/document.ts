import { parseFastDocument } from './block-parser.js';
import { DepthExceeded, FastPathBail, FastState, type OffsetWarning } from './fast-state.js';
import { parseWithYamlLibrary } from './fallback.js';
import type { LineTable } from './line-table.js';
import { ShadowPositions } from './positions.js';
import { NO_SHADOW, type Kid } from './shadow.js';
import type { DocumentSpan } from './stream-split.js';
import type { DocumentWarning, ParsedDocument } from './types.js';

export interface Limits {
  maxAliasNodes: number;
  maxDepth: number;
}

/** Which path read a document (for the benchmark's fallback fraction and for tests). */
export const pathStats = { fast: 0, fallback: 0, lastBail: '' };

export interface RawDocument {
  value: unknown;
  kid: Kid;
  rootOffset: number;
  error?: { message: string; offset: number };
  warnings: OffsetWarning[];
}

/** Turn an offset-based result into the contract's ParsedDocument. */
export function finishDocument(index: number, startLine: number, raw: RawDocument, lines: LineTable): ParsedDocument {
  const warnings: DocumentWarning[] = raw.warnings.map((w) => {
    const p = lines.position(w.offset);
    return { code: w.code, message: w.message, line: p.line, column: p.column };
  });
  const doc: ParsedDocument = {
    index,
    startLine,
    value: raw.error ? undefined : raw.value,
    positions: new ShadowPositions(raw.error ? NO_SHADOW : raw.kid, raw.rootOffset, lines),
    warnings,
  };
  if (raw.error) {
    const p = lines.position(raw.error.offset);
    doc.error = { message: raw.error.message, line: p.line, column: p.column };
  }
  return doc;
}

/** Read one document of a stream: the fast path, or the `yaml` library when it leaves the subset. */
export function readDocument(text: string, span: DocumentSpan, limits: Limits): RawDocument {
  if (!span.inlineStart) {
    const st = new FastState(text, span.body, span.end, limits.maxDepth);
    try {
      const doc = parseFastDocument(st);
      pathStats.fast++;
      return { value: doc.value, kid: doc.kid, rootOffset: doc.value === undefined ? span.marker : doc.rootOffset, warnings: st.warnings };
    } catch (e) {
      if (e instanceof DepthExceeded) {
        pathStats.fast++;
        return { value: undefined, kid: NO_SHADOW, rootOffset: span.marker, error: { message: `nesting deeper than ${e.limit} levels`, offset: e.offset }, warnings: [] };
      }
      if (!(e instanceof FastPathBail)) throw e;
      pathStats.lastBail = e.reason;
    }
  }
  pathStats.fallback++;
  const slow = parseWithYamlLibrary(text, span.start, span.end, limits.maxAliasNodes, limits.maxDepth);
  if (slow.value === undefined && !slow.error) slow.rootOffset = span.marker;
  return slow;
}
