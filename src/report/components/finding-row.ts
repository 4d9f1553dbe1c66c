import { evidenceParts, locationText } from './finding-text.js';
import type { FindingView } from './types.js';

/**
 * Everything a finding row shows, as plain strings: what the React FindingRow renders and what the HTML report's
 * string writer (../findings-html.ts) writes for very large reports, so both come from one function (a test holds
 * their markup equal).
 */
export interface FindingRowParts {
  severity: FindingView['severity'];
  checkId: string;
  checkHref: string;
  title?: string;
  location: string;
  message: string;
  path?: string;
  evidence?: { found?: string; expected?: string };
  fix?: string;
}

export function findingRowParts(f: FindingView, checkHref: (checkId: string) => string): FindingRowParts {
  const p: FindingRowParts = { severity: f.severity, checkId: f.checkId, checkHref: checkHref(f.checkId), location: locationText(f), message: f.message };
  if (f.title) p.title = f.title;
  if (f.path) p.path = f.path;
  const e = evidenceParts(f.evidence);
  if (e) p.evidence = e;
  if (f.fix) p.fix = f.fix;
  return p;
}
