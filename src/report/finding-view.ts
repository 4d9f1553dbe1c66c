import type { Finding } from '../model/finding.js';
import type { FindingView } from './components/types.js';

/** A report Finding as the shared components show it (the report is redacted before it is rendered). */
export function findingView(f: Finding): FindingView {
  const v: FindingView = {
    severity: f.severity,
    checkId: f.checkId,
    title: f.title,
    message: f.message,
    line: f.location.line,
    column: f.location.column,
    path: f.path,
    fix: f.remediation,
  };
  if (f.evidence) v.evidence = f.evidence;
  return v;
}
