import type { FrameworkRefs } from '../model/finding.js';

/** "CIS 5.2.2, PSS baseline/privileged, MITRE T1611" — one short line for tables. */
export function frameworkSummary(f: FrameworkRefs): string {
  const parts: string[] = [];
  if (f.cis?.length) parts.push(`CIS ${f.cis.join(',')}`);
  if (f.pss) parts.push(`PSS ${f.pss.level}/${f.pss.control}`);
  if (f.nsa?.length) parts.push('NSA');
  if (f.mitre?.length) parts.push(`MITRE ${f.mitre.join(',')}`);
  if (f.owasp?.length) parts.push(`OWASP ${f.owasp.join(',')}`);
  return parts.join('; ') || '-';
}
