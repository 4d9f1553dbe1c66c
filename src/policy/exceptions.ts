import type { Finding } from '../model/finding.js';
import type { SuppressedFinding } from '../model/suppressed.js';
import { applyAnnotationExceptions } from './annotation-exceptions.js';
import { checkResolver, type NamedCheck } from './check-resolver.js';
import type { LookupObject, PolicyException } from './exception-types.js';
import { applyFileExceptions } from './file-exceptions.js';

export { parseExceptions } from './parse-exceptions.js';
export { IGNORE_ANNOTATION, parseIgnoreAnnotation } from './annotation-exceptions.js';
export type { LookupObject, ObjectMeta, ObjectSelector, PolicyException } from './exception-types.js';

/**
 * Apply both kinds of exceptions, annotations on the objects first, then the exceptions file.
 * `checks` (all known checks, not only those that ran) lets users name checks by alias; `ran`
 * (ids of the checks that ran) keeps "matched no finding" warnings to exceptions that could match.
 */
export function applyExceptions(
  findings: readonly Finding[],
  lookupObject: LookupObject,
  exceptions: readonly PolicyException[],
  now: Date,
  checks: readonly NamedCheck[] = [],
  ran?: ReadonlySet<string>,
): { kept: Finding[]; suppressed: SuppressedFinding[]; warnings: string[] } {
  const resolver = checkResolver(checks);
  const byAnnotation = applyAnnotationExceptions(findings, lookupObject, resolver);
  const byFile = applyFileExceptions(byAnnotation.kept, exceptions, lookupObject, now, resolver, ran);
  return {
    kept: byFile.kept,
    suppressed: [...byAnnotation.suppressed, ...byFile.suppressed],
    warnings: [...byAnnotation.warnings, ...byFile.warnings],
  };
}
