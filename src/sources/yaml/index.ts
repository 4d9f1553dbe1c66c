// Parsing YAML streams and JSON files into values with exact positions. The common case runs on a
// hand-written parser for the block-YAML subset manifests use (block-parser.ts); documents outside it
// are read by the `yaml` library (fallback.ts). See bench/README.md, "Parsing (fast path)".
import { finishDocument, readDocument, type Limits } from './document.js';
import { DepthExceeded } from './fast-state.js';
import { JsonSyntaxError, parseJsonDocument } from './json-parser.js';
import { LineTable } from './line-table.js';
import { splitDocuments } from './stream-split.js';
import type { ParsedDocument, ParseLimits } from './types.js';

export type { ParsedDocument, ParseLimits, DocumentWarning } from './types.js';

export const DEFAULT_MAX_ALIAS_NODES = 100_000;
export const DEFAULT_MAX_DEPTH = 1_000;

function limitsOf(limits: ParseLimits): Limits {
  return { maxAliasNodes: limits.maxAliasNodes ?? DEFAULT_MAX_ALIAS_NODES, maxDepth: limits.maxDepth ?? DEFAULT_MAX_DEPTH };
}

/** A leading byte-order mark is dropped, so columns on the first line start at 1. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Every document of a multi-document YAML stream. Never throws: a document that cannot be read gets
 * `error` (with its location) and the other documents are still returned.
 */
export function parseYamlStream(text: string, limits: ParseLimits = {}): ParsedDocument[] {
  const src = withoutBom(text);
  const lim = limitsOf(limits);
  const lines = new LineTable(src);
  return splitDocuments(src).map((span, index) => {
    try {
      return finishDocument(index, span.line, readDocument(src, span, lim), lines);
    } catch (e) {
      const message = `cannot read YAML: ${String((e as Error)?.message ?? e)}`;
      return finishDocument(index, span.line, { value: undefined, kid: 0, rootOffset: span.marker, error: { message, offset: span.marker }, warnings: [] }, lines);
    }
  });
}

/**
 * A JSON file as one document, with positions. On a JSON syntax error the text is tried as YAML
 * (JSON with comments or trailing commas often is); if that fails too, the JSON error is reported.
 */
export function parseJsonText(text: string, limits: ParseLimits = {}): ParsedDocument[] {
  const src = withoutBom(text);
  const lim = limitsOf(limits);
  const lines = new LineTable(src);
  try {
    const doc = parseJsonDocument(src, 0, lim.maxDepth);
    return [finishDocument(0, lines.position(doc.rootOffset).line, { ...doc }, lines)];
  } catch (e) {
    if (e instanceof DepthExceeded) {
      return [finishDocument(0, 1, { value: undefined, kid: 0, rootOffset: 0, error: { message: `nesting deeper than ${e.limit} levels`, offset: e.offset }, warnings: [] }, lines)];
    }
    const jsonError = e instanceof JsonSyntaxError ? e : new JsonSyntaxError(String((e as Error)?.message ?? e), 0);
    const yamlDocs = parseYamlStream(src, limits);
    if (yamlDocs.length > 0 && yamlDocs.every((d) => !d.error)) return yamlDocs;
    const message = `invalid JSON: ${jsonError.message}`;
    return [finishDocument(0, 1, { value: undefined, kid: 0, rootOffset: 0, error: { message, offset: jsonError.offset }, warnings: [] }, lines)];
  }
}
