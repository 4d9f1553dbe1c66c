import type { Severity } from './finding.js';

/**
 * Something wrong with the input itself, found while reading it: a file or document that does not
 * parse, a binary file, a YAML alias bomb, a duplicate key. Sources never throw for bad input;
 * they return problems, and the `load` checks turn them into findings.
 */
export interface LoadProblem {
  /** The id of the load check that reports it, e.g. "invalid-manifest", "duplicate-key". */
  code: string;
  message: string;
  file: string;
  line: number;
  column: number;
  document?: number;
  /** Only when it differs from the check's severity. */
  severity?: Severity;
}
