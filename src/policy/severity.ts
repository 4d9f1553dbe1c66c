import type { Finding, Severity } from '../model/finding.js';
import { checkResolver, type NamedCheck } from './check-resolver.js';

/** Overrides keyed by canonical check id, and the names that matched no check. */
export interface ResolvedOverrides {
  byId: Map<string, Severity>;
  unknown: string[];
}

/**
 * Resolve `severity:` overrides written by id or alias (case-insensitive) to canonical ids. When
 * the same check is named twice (id and alias), the entry written last wins. With no checks to
 * resolve against, names are taken as ids.
 */
export function resolveSeverityOverrides(overrides: Readonly<Record<string, Severity>>, checks: readonly NamedCheck[]): ResolvedOverrides {
  const resolver = checkResolver(checks);
  const byId = new Map<string, Severity>();
  const unknown: string[] = [];
  for (const [name, severity] of Object.entries(overrides)) {
    const ids = resolver.resolve(name);
    if (ids) for (const id of ids) byId.set(id, severity);
    else if (!resolver.knowsChecks) byId.set(name.trim().toLowerCase(), severity);
    else unknown.push(name);
  }
  return { byId, unknown };
}

/** Findings with overridden severities. Findings are copied only when their severity changes. */
export function applySeverityOverrides(findings: readonly Finding[], byId: ReadonlyMap<string, Severity>): Finding[] {
  if (byId.size === 0) return [...findings];
  return findings.map((f) => {
    const s = byId.get(f.checkId) ?? byId.get(f.checkId.toLowerCase());
    return s === undefined || s === f.severity ? f : { ...f, severity: s };
  });
}
