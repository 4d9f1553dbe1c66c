import type { NamedCheck } from './check-resolver.js';
import type { Finding, Severity } from '../model/finding.js';
import type { SuppressedFinding } from '../model/suppressed.js';
import { applyBaseline } from './baseline.js';
import { checkNames } from './check-resolver.js';
import { suggestion } from './did-you-mean.js';
import type { LookupObject, PolicyException } from './exception-types.js';
import { applyExceptions } from './exceptions.js';
import { applySeverityOverrides, resolveSeverityOverrides } from './severity.js';

export interface PolicyInput {
  /** Every known check (not only those that ran): lets users name checks by alias. */
  checks?: readonly NamedCheck[];
  /** The checks that ran: "matched no finding" warnings skip exceptions for checks that did not. */
  ran?: readonly NamedCheck[];
  /** `severity:` from the config: check id or alias → severity. */
  severityOverrides?: Readonly<Record<string, Severity>>;
  exceptions?: readonly PolicyException[];
  /** Fingerprints from a baseline report (see parseBaseline). */
  baseline?: ReadonlySet<string> | undefined;
  /** Finds a finding's object, for annotations and label selectors. */
  lookupObject?: LookupObject;
  /** Decides which exceptions have expired. */
  now: Date;
}

export interface PolicyResult {
  /** What remains to report and to gate on, in input order. */
  findings: Finding[];
  suppressed: SuppressedFinding[];
  warnings: string[];
}

/**
 * Everything policy does to findings, in a fixed order: severity overrides, then annotation
 * exceptions, then exceptions-file entries, then the baseline. Pure; never throws on user input.
 */
export function applyPolicy(findings: readonly Finding[], input: PolicyInput): PolicyResult {
  const checks = input.checks ?? [];
  const warnings: string[] = [];
  const overrides = resolveSeverityOverrides(input.severityOverrides ?? {}, checks);
  const names = checkNames(checks);
  for (const u of overrides.unknown) warnings.push(`severity: unknown check ${JSON.stringify(u)}${suggestion(u, names)}; override ignored`);
  const overridden = applySeverityOverrides(findings, overrides.byId);

  const lookup: LookupObject = input.lookupObject ?? (() => undefined);
  const ran = input.ran ? new Set(input.ran.map((c) => c.id.toLowerCase())) : undefined;
  const excepted = applyExceptions(overridden, lookup, input.exceptions ?? [], input.now, checks, ran);
  warnings.push(...excepted.warnings);
  const suppressed = excepted.suppressed;

  let kept = excepted.kept;
  if (input.baseline) {
    const b = applyBaseline(kept, input.baseline);
    kept = b.kept;
    suppressed.push(...b.suppressed);
  }
  return { findings: kept, suppressed, warnings };
}
