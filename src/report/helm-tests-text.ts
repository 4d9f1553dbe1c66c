import type { Finding } from '../model/finding.js';
import { groupByObject, objectLabel } from './object-key.js';
import type { Report } from './report.js';

/** The heading of the findings reported apart on Helm test hooks (table, markdown). */
export const HELM_TESTS_HEADING = 'Helm test hooks (created only by `helm test`, once): reported apart, not counted, not seen by --fail-on';

const MAJOR = new Set<Finding['severity']>(['critical', 'high', 'medium']);

/**
 * One plain-text line per Helm test hook object with findings: its medium-and-above checks named, the rest
 * counted ("Pod shop/app-test: run-as-non-root (medium), image-tag-latest (medium), 6 low/info"). Not escaped.
 */
export function helmTestLines(report: Report): string[] {
  return groupByObject(report.helmTests ?? []).map((group) => {
    const major = group.findings.filter((f) => MAJOR.has(f.severity));
    const rest = group.findings.length - major.length;
    return `${group.object ? objectLabel(group.object) : group.file}: ${[...major.map((f) => `${f.checkId} (${f.severity})`), ...(rest ? [`${rest} low/info`] : [])].join(', ')}`;
  });
}
