import { atLeast, type Finding, type Severity } from '../model/finding.js';
import { exitCodeFor } from '../policy/fail-on.js';
import type { Report } from '../report/report.js';
import { SEVERITY_RANK } from '../vuln/severity.js';
import type { VulnMatch, VulnSeverity } from '../vuln/types.js';

/** The exit code a report calls for: 1 when a kept finding is at or above `failOn`, else 0. */
export function gate(report: Pick<Report, 'findings'>, failOn: Severity | undefined): 0 | 1 {
  return exitCodeFor(report.findings, failOn);
}

/**
 * Is any vulnerability at or above a threshold? `info` means any, whatever its severity, unknown included. An
 * unknown severity (no advisory that names the vulnerability states a CVSS vector or a rating) is below every
 * other level, unless `failOnUnknown`: then it counts whatever the threshold.
 */
export function vulnsAtOrAbove(matches: readonly VulnMatch[], threshold: Severity | undefined, failOnUnknown = false): boolean {
  if (failOnUnknown && matches.some((m) => m.severity === 'unknown')) return true;
  if (threshold === undefined) return false;
  if (threshold === 'info') return matches.length > 0;
  const t = SEVERITY_RANK[threshold as VulnSeverity];
  return t !== undefined && matches.some((m) => m.severity !== 'unknown' && SEVERITY_RANK[m.severity] >= t);
}

/** How many vulnerabilities of unknown severity `--fail-on` leaves out (0 when it counts them or there is no threshold). */
export function unknownNotCounted(matches: readonly VulnMatch[], failOn: Severity | undefined, failOnUnknown = false): number {
  if (failOn === undefined || failOn === 'info' || failOnUnknown) return 0;
  return matches.filter((m) => m.severity === 'unknown').length;
}

/** `image scan --fail-on`: the image's findings (after policy) and its vulnerabilities, against one threshold. */
export function imageGate(findings: readonly Finding[], matches: readonly VulnMatch[] | undefined, failOn: Severity | undefined, failOnUnknown = false): 0 | 1 {
  if (failOn !== undefined && findings.some((f) => atLeast(f.severity, failOn))) return 1;
  return matches !== undefined && vulnsAtOrAbove(matches, failOn, failOnUnknown) ? 1 : 0;
}
