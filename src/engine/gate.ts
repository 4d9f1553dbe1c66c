import { atLeast, type Finding, type Severity } from '../model/finding.js';
import { exitCodeFor } from '../policy/fail-on.js';
import type { Report } from '../report/report.js';
import { SEVERITY_RANK } from '../vuln/severity.js';
import type { VulnMatch, VulnSeverity } from '../vuln/types.js';

/** The exit code a report calls for: 1 when a kept finding is at or above `failOn`, else 0. */
export function gate(report: Pick<Report, 'findings'>, failOn: Severity | undefined): 0 | 1 {
  return exitCodeFor(report.findings, failOn);
}

/** Is any vulnerability at or above a threshold (`info` means any, whatever its severity, unknown included)? */
export function vulnsAtOrAbove(matches: readonly VulnMatch[], threshold: Severity | undefined): boolean {
  if (threshold === undefined) return false;
  if (threshold === 'info') return matches.length > 0;
  const t = SEVERITY_RANK[threshold as VulnSeverity];
  return t !== undefined && matches.some((m) => SEVERITY_RANK[m.severity] >= t);
}

/** `image scan --fail-on`: the image's findings (after policy) and its vulnerabilities, against one threshold. */
export function imageGate(findings: readonly Finding[], matches: readonly VulnMatch[] | undefined, failOn: Severity | undefined): 0 | 1 {
  if (failOn === undefined) return 0;
  return findings.some((f) => atLeast(f.severity, failOn)) || (matches !== undefined && vulnsAtOrAbove(matches, failOn)) ? 1 : 0;
}
