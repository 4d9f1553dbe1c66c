import { atLeast, type Finding, type Severity } from '../model/finding.js';

/**
 * The exit code findings call for: 1 when any (kept, i.e. not suppressed) finding is at or above
 * `failOn`, else 0. Without a threshold, findings never fail the run.
 */
export function exitCodeFor(findings: readonly Finding[], failOn?: Severity): 0 | 1 {
  if (failOn === undefined) return 0;
  return findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}
