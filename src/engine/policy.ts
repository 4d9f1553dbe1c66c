import { CHECKS, SELECTABLE_CHECKS } from '../checks/index.js';
import type { Check } from '../checks/define.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { applyPolicy, type PolicyResult } from '../policy/apply-policy.js';
import { parseBaseline } from '../policy/baseline.js';
import type { NamedCheck } from '../policy/check-resolver.js';
import { parseExceptions, type PolicyException } from '../policy/exceptions.js';
import { objectLookup } from '../policy/object-lookup.js';
import { describeConflictingChecks, describeUnknownChecks, selectChecks } from '../policy/select-checks.js';
import { RequestError } from './errors.js';
import type { PolicyRequest } from './request.js';

/** The checks a request selects (by id or alias), or a RequestError naming the unknown ones. */
export function selectRequested(request: PolicyRequest, from: readonly Check[] = SELECTABLE_CHECKS): Check[] {
  const { selected, unknown, conflicts } = selectChecks(from, { checks: request.checks, skipChecks: request.skipChecks });
  if (unknown.length) throw new RequestError(describeUnknownChecks(unknown, from));
  if (conflicts.length) throw new RequestError(describeConflictingChecks(conflicts)!);
  return selected;
}

export interface ResolvedPolicy {
  exceptions: readonly PolicyException[];
  baseline?: Set<string>;
}

/** Parse the request's exceptions and baseline (RequestError with the file named when they are malformed). */
export function resolvePolicy(request: PolicyRequest): ResolvedPolicy {
  let exceptions: readonly PolicyException[] = [];
  const ex = request.exceptions;
  if (ex && 'text' in ex) {
    const parsed = parseExceptions(ex.text, ex.file);
    if (parsed.errors.length) throw new RequestError(parsed.errors.join('; '));
    exceptions = parsed.exceptions;
  } else if (ex) exceptions = ex as readonly PolicyException[];
  let baseline: Set<string> | undefined;
  if (request.baseline) {
    const parsed = parseBaseline(request.baseline.text);
    if ('error' in parsed) throw new RequestError(`${request.baseline.file}: ${parsed.error}`);
    baseline = parsed.fingerprints;
  }
  return { exceptions, ...(baseline ? { baseline } : {}) };
}

/**
 * Policy, in one place for every command: severity overrides, annotation and file exceptions, the baseline.
 * `ran` are the rules that were evaluated (an exception for a rule that did not run is not "unused"); `resolved` is the
 * request's exceptions and baseline when the caller parsed them already.
 */
export function enforcePolicy(findings: readonly Finding[], request: PolicyRequest, ran: readonly NamedCheck[], inventory?: Inventory, resolved: ResolvedPolicy = resolvePolicy(request), extra: readonly Check[] = []): PolicyResult {
  return applyPolicy(findings, {
    // Every rule of the registry can be named in severity overrides and exceptions (image rules included).
    checks: extra.length ? [...CHECKS, ...extra] : CHECKS,
    ran,
    severityOverrides: request.severity ?? {},
    exceptions: resolved.exceptions,
    baseline: resolved.baseline,
    ...(inventory ? { lookupObject: objectLookup(inventory.objects) } : {}),
    now: request.now ?? new Date(),
  });
}
