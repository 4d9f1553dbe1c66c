import type { Finding } from '../model/finding.js';
import type { FindingView } from './components/types.js';
import { objectLabel } from './object-key.js';

/** A report Finding as the shared components show it (the report is redacted before it is rendered). */
export function findingView(f: Finding): FindingView {
  const v: FindingView = {
    severity: f.severity,
    checkId: f.checkId,
    title: f.title,
    message: f.message,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    path: f.path,
    fix: f.remediation,
  };
  if (f.object) v.object = objectLabel(f.object);
  if (f.evidence) v.evidence = f.evidence;
  return v;
}
