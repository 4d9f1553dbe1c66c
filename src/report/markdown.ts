import { SEVERITIES, type Finding, type Severity } from '../model/finding.js';
import { escapeMarkdownHtml as htmlText, escapeMarkdown as md } from './escape-markdown.js';
import { groupByObject, objectLabel } from './object-key.js';
import { complianceHeadline, controlResult, orderControls, statusLabel } from './compliance-text.js';
import type { Renderer } from './report.js';
import { findingTotal, scannedText, summaryText } from './summary-text.js';
import { HELM_TESTS_HEADING, helmTestLines } from './helm-tests-text.js';

/** GitHub rejects comments over 65,536 characters; stay well below, counting UTF-8 bytes to be safe. */
export const MARKDOWN_LIMIT = 60_000;
/** Room kept for the closing tags and the "more findings" line. */
const RESERVE = 400;
/** Warnings come before findings so they are never cut; this many at most. */
const MAX_WARNINGS = 20;

const ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };
const TITLE: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Appends lines while they fit the budget. */
class Budget {
  readonly lines: string[] = [];
  private used = 0;
  constructor(private readonly limit: number) {}
  fits(...lines: string[]): boolean {
    return this.used + lines.reduce((n, l) => n + utf8Length(l) + 1, 0) <= this.limit;
  }
  push(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.used += utf8Length(l) + 1;
    }
  }
}

function findingLines(f: Finding): string[] {
  return [
    `- **${md(f.checkId)}** <code>${md(f.location.file)}${f.location.line > 0 ? `:${f.location.line}` : ''}</code>: ${md(f.message)}`,
    `  <br>Remediation: ${md(f.remediation)}`,
  ];
}

/**
 * A pull-request comment: summary table by severity, then findings by severity, one collapsible
 * block per object. Every user-controlled string is escaped; output stays below GitHub's comment
 * limit, with a line saying how many findings were left out.
 */
export const renderMarkdown: Renderer = (report) => {
  const total = findingTotal(report);
  const b = new Budget(MARKDOWN_LIMIT - RESERVE);
  b.push(`## kubeward: ${total === 0 ? 'no findings' : `${total} finding${total === 1 ? '' : 's'}`}`, '');
  // Counts only: no user-controlled text in these two.
  b.push(`${summaryText(report)}. ${scannedText(report)}.`, '');
  if (total > 0) {
    b.push('| Severity | Findings |', '| --- | ---: |');
    for (const s of SEVERITIES) b.push(`| ${ICON[s]} ${TITLE[s]} | ${report.summary.findings[s]} |`);
    b.push('');
  }
  for (const c of report.compliance ?? []) {
    b.push(`**Compliance: ${md(c.title, 200)}** — ${complianceHeadline(c)}`, '', '| Control | Status | Result |', '| --- | --- | --- |');
    for (const x of orderControls(c.controls)) b.push(`| ${md(x.id, 40)} ${md(x.title, 120)} | ${statusLabel(x.status)} | ${md(controlResult(x), 160)} |`);
    b.push('');
  }
  if (report.warnings.length > 0) {
    b.push('**Warnings**', '');
    for (const w of report.warnings.slice(0, MAX_WARNINGS)) b.push(`- ${md(w, 300)}`);
    if (report.warnings.length > MAX_WARNINGS) b.push(`- … and ${report.warnings.length - MAX_WARNINGS} more warnings`);
    b.push('');
  }
  if (report.helmTests?.length) {
    b.push(`**${md(HELM_TESTS_HEADING, 200)}**`, '');
    for (const l of helmTestLines(report).slice(0, MAX_WARNINGS)) b.push(`- ${md(l, 300)}`);
    b.push('');
  }
  let shown = 0;
  let full = false;
  for (const s of SEVERITIES) {
    if (full) break;
    const findings = report.findings.filter((f) => f.severity === s);
    if (findings.length === 0) continue;
    const heading = [`### ${ICON[s]} ${TITLE[s]} (${findings.length})`, ''];
    if (!b.fits(...heading)) break;
    b.push(...heading);
    for (const g of groupByObject(findings)) {
      const label = g.object ? `${htmlText(objectLabel(g.object))} in ${htmlText(g.file)}` : htmlText(g.file);
      const open = ['<details>', `<summary>${label} (${g.findings.length})</summary>`, ''];
      const close = ['', '</details>', ''];
      if (!b.fits(...open, ...findingLines(g.findings[0]!), ...close)) {
        full = true;
        break;
      }
      b.push(...open);
      for (const f of g.findings) {
        const lines = findingLines(f);
        if (!b.fits(...lines, ...close)) {
          full = true;
          break;
        }
        b.push(...lines);
        shown++;
      }
      b.push(...close);
      if (full) break;
    }
  }
  if (shown < report.findings.length) {
    const more = report.findings.length - shown;
    b.lines.push(`**${more} more finding${more === 1 ? '' : 's'} not shown.** Run kubeward locally or use the SARIF/JSON output for the full list.`, '');
  }
  return b.lines.join('\n');
};
