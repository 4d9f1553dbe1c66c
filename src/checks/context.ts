import type { Issue } from './define.js';

/** `path(rel)` and `at(rel, message)` relative to a subject's pointer, which `moveTo` changes. */
export interface SubjectPaths {
  path(rel?: string): string;
  at(rel: string, message: string, evidence?: Issue['evidence']): Issue;
  moveTo(base: string): void;
}

/**
 * The helpers every check context carries. One set serves a whole run: the runner moves it from
 * subject to subject instead of allocating closures per subject and check. Checks may destructure
 * `at` and `path`; they read the current subject when called.
 */
export function subjectPaths(initialBase = ''): SubjectPaths {
  let base = initialBase;
  const path = (rel = ''): string => (rel === '' ? base : rel.charCodeAt(0) === 47 /* / */ ? base + rel : base + '/' + rel);
  const at = (rel: string, message: string, evidence?: Issue['evidence']): Issue =>
    evidence ? { path: path(rel), message, evidence } : { path: path(rel), message };
  return { path, at, moveTo: (b: string) => void (base = b) };
}
