import type { Finding } from '../model/finding.js';
import type { Report, ReportCheck } from './report.js';

function fromFinding(f: Finding): ReportCheck {
  return {
    id: f.checkId,
    title: f.title,
    severity: f.severity,
    category: f.category,
    description: f.title,
    remediation: f.remediation,
    frameworks: f.frameworks,
    // Unknown to the report: only its findings are known, so it counts as evaluated where it failed.
    subject: 'inventory',
  };
}

/**
 * Every check a format must describe: the checks that ran, then (in order of first finding) any
 * check id that appears only in findings, such as `internal-error`, described from its findings.
 * Formats that index rules (SARIF ruleIndex, JUnit suites) use this so no finding loses its rule.
 */
export function knownChecks(report: Report): ReportCheck[] {
  const out = [...report.checks];
  const seen = new Set(out.map((c) => c.id));
  const add = (f: Finding) => {
    if (seen.has(f.checkId)) return;
    seen.add(f.checkId);
    out.push(fromFinding(f));
  };
  for (const f of report.findings) add(f);
  for (const s of report.suppressed) add(s.finding);
  return out;
}
