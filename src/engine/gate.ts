import { exitCodeFor } from '../policy/fail-on.js';
import type { Severity } from '../model/finding.js';
import type { Report } from '../report/report.js';

/** The exit code a report calls for: 1 when a kept finding is at or above `failOn`, else 0. */
export function gate(report: Pick<Report, 'findings'>, failOn: Severity | undefined): 0 | 1 {
  return exitCodeFor(report.findings, failOn);
}
