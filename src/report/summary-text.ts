import { SEVERITIES } from '../model/finding.js';
import type { Report } from './report.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Total of the report's severity counts. */
export function findingTotal(report: Report): number {
  return SEVERITIES.reduce((n, s) => n + (report.summary.findings[s] ?? 0), 0);
}

/** "Scanned 5 objects in 2 files". */
export function scannedText(report: Report): string {
  return `Scanned ${plural(report.summary.objects, 'object')} in ${plural(report.summary.files, 'file')}`;
}

/**
 * One plain-text line that sums the findings up, e.g. "3 findings: 1 critical, 2 high in 2 objects
 * from 1 file; 1 suppressed" (objects and files that have findings), or "No findings in 5 objects
 * from 2 files; 1 suppressed" for a clean scan; then "; N hidden by --severity", "; N reliability findings
 * hidden (--profile all shows them)", "; N findings on Helm test hooks reported apart (--include-helm-tests counts them)" and
 * "; N non-Kubernetes files skipped" when there are any.
 */
/** "3 reliability findings", "2 hardening findings", "3 reliability and 2 hardening findings". */
function profileHidden(total: number, hardening: number): string {
  const hygiene = total - hardening;
  if (hardening === 0) return plural(hygiene, 'reliability finding');
  if (hygiene === 0) return plural(hardening, 'hardening finding');
  return `${hygiene} reliability and ${plural(hardening, 'hardening finding')}`;
}

export function summaryText(report: Report): string {
  const total = findingTotal(report);
  const { files, objects, suppressed, skipped = 0, hidden = 0, hiddenByProfile = 0, helmTests = 0 } = report.summary;
  const tail =
    (suppressed > 0 ? `; ${suppressed} suppressed` : '') +
    (hidden > 0 ? `; ${hidden} hidden by --severity` : '') +
    (hiddenByProfile > 0 ? `; ${profileHidden(hiddenByProfile, report.summary.hiddenByClass?.hardening ?? 0)} hidden (--profile all shows ${hiddenByProfile === 1 ? 'it' : 'them'})` : '') +
    (helmTests > 0 ? `; ${plural(helmTests, 'finding')} on Helm test hooks reported apart (--include-helm-tests counts ${helmTests === 1 ? 'it' : 'them'})` : '') +
    (skipped > 0 ? `; ${plural(skipped, 'non-Kubernetes file')} skipped` : '');
  if (total === 0) return `No findings in ${plural(objects, 'object')} from ${plural(files, 'file')}${tail}`;
  const bySeverity = SEVERITIES.filter((s) => report.summary.findings[s] > 0)
    .map((s) => `${report.summary.findings[s]} ${s}`)
    .join(', ');
  const affected = new Set<string>();
  const affectedFiles = new Set<string>();
  for (const f of report.findings) {
    affectedFiles.add(f.location.file);
    if (f.object) affected.add(`${f.object.kind}\u0000${f.object.namespace ?? ''}\u0000${f.object.name}`);
  }
  return (
    `${plural(total, 'finding')}: ${bySeverity} in ${plural(affected.size, 'object')} ` +
    `from ${plural(affectedFiles.size, 'file')}${tail}`
  );
}
