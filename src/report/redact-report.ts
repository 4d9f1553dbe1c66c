// The last line of defence before any format: every text a report carries that can echo input
// (finding messages and evidence, suppression reasons, warnings) goes through the one redaction.
import type { Finding } from '../model/finding.js';
import { redact } from '../model/redact.js';
import type { Report } from './report.js';

const cache = new WeakMap<Report, Report>();

function redactFinding(f: Finding): Finding {
  const message = redact(f.message);
  const ev = f.evidence;
  const found = typeof ev?.found === 'string' ? redact(ev.found) : ev?.found;
  const expected = typeof ev?.expected === 'string' ? redact(ev.expected) : ev?.expected;
  if (message === f.message && found === ev?.found && expected === ev?.expected) return f;
  return { ...f, message, ...(ev ? { evidence: { ...ev, found, expected } as typeof ev } : {}) };
}

/** The report with every echoed text redacted (the same object when nothing needed it); cached per report. */
export function redactReport(report: Report): Report {
  const hit = cache.get(report);
  if (hit) return hit;
  const findings = report.findings.map(redactFinding);
  const suppressed = report.suppressed.map((s) => {
    const finding = redactFinding(s.finding);
    const reason = redact(s.reason);
    return finding === s.finding && reason === s.reason ? s : { ...s, finding, reason };
  });
  const warnings = report.warnings.map((w) => redact(w));
  const same = findings.every((f, i) => f === report.findings[i]) && suppressed.every((s, i) => s === report.suppressed[i]) && warnings.every((w, i) => w === report.warnings[i]);
  const out = same ? report : { ...report, findings, suppressed, warnings };
  cache.set(report, out);
  return out;
}
