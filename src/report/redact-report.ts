// The last line of defence before any format: every text a report carries that can echo input
// (finding messages and evidence, suppression reasons, warnings) goes through the one redaction.
import type { Finding } from '../model/finding.js';
import { redact } from '../model/redact.js';
import type { Report } from './report.js';

const cache = new WeakMap<Report, Report>();

/** Evidence texts repeat across findings (`true`, `a value set`, ...): each distinct one is redacted once per report. */
function memo(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let r = seen.get(s);
    if (r === undefined) {
      r = redact(s);
      if (seen.size < 100_000) seen.set(s, r);
    }
    return r;
  };
}

function redactFinding(f: Finding, short: (s: string) => string): Finding {
  const message = redact(f.message);
  const ev = f.evidence;
  const found = typeof ev?.found === 'string' ? short(ev.found) : ev?.found;
  const expected = typeof ev?.expected === 'string' ? short(ev.expected) : ev?.expected;
  if (message === f.message && found === ev?.found && expected === ev?.expected) return f;
  return { ...f, message, ...(ev ? { evidence: { ...ev, found, expected } as typeof ev } : {}) };
}

/** The report with every echoed text redacted (the same object when nothing needed it); cached per report. */
export function redactReport(report: Report): Report {
  const hit = cache.get(report);
  if (hit) return hit;
  const short = memo();
  const findings = report.findings.map((f) => redactFinding(f, short));
  const suppressed = report.suppressed.map((s) => {
    const finding = redactFinding(s.finding, short);
    const reason = redact(s.reason);
    return finding === s.finding && reason === s.reason ? s : { ...s, finding, reason };
  });
  const warnings = report.warnings.map((w) => redact(w));
  const same = findings.every((f, i) => f === report.findings[i]) && suppressed.every((s, i) => s === report.suppressed[i]) && warnings.every((w, i) => w === report.warnings[i]);
  const out = same ? report : { ...report, findings, suppressed, warnings };
  cache.set(report, out);
  return out;
}
