import type { PositionIndex } from '../../model/position.js';

/** A problem inside one document that does not stop it from being read (duplicate key, tab, ...). */
export interface DocumentWarning {
  /** A load-check id: "duplicate-key", ... */
  code: string;
  message: string;
  line: number;
  column: number;
}

/** One document of a YAML stream (or a JSON file), parsed. */
export interface ParsedDocument {
  /** 0-based index of the document in the stream. */
  index: number;
  /** 1-based line where the document starts (its `---` marker, or its first line). */
  startLine: number;
  /** The document's value as Kubernetes would read it; undefined for an empty document or on error. */
  value: unknown;
  positions: PositionIndex;
  /** Set when the document could not be read; the other documents of the stream are unaffected. */
  error?: { message: string; line: number; column: number };
  warnings: DocumentWarning[];
}

export interface ParseLimits {
  /** Most nodes an alias may expand to in one document before it is refused as an alias bomb. */
  maxAliasNodes?: number;
  /** Deepest nesting accepted. */
  maxDepth?: number;
}
