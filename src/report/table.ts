import picocolors from 'picocolors';
import { complianceLines } from './compliance-text.js';
import type { Finding, Severity } from '../model/finding.js';
import { groupByObject, objectLabel } from './object-key.js';
import type { Renderer } from './report.js';
import { findingTotal, scannedText, summaryText } from './summary-text.js';
import { HELM_TESTS_HEADING, helmTestLines } from './helm-tests-text.js';
import { terminalText } from './terminal-text.js';
import { wrapText } from './wrap-text.js';

type Colors = ReturnType<typeof picocolors.createColors>;

/** Lines are laid out for a terminal this wide. */
const WIDTH = 100;
const MAX_ID_WIDTH = 30;
/** Below this many columns left for the message, it goes on its own line. */
const MIN_MESSAGE_WIDTH = 36;

function severityLabel(c: Colors, s: Severity): string {
  const label = s.toUpperCase().padEnd(8);
  switch (s) {
    case 'critical':
      return c.bold(c.red(label));
    case 'high':
      return c.red(label);
    case 'medium':
      return c.yellow(label);
    case 'low':
      return c.blue(label);
    case 'info':
      return c.gray(label);
  }
}

/**
 * Human-readable terminal output: findings grouped by object, then warnings, then a summary line.
 * ANSI colour only when `opts.color` is true; every user-controlled string is stripped of control
 * characters so a manifest cannot drive the terminal.
 */
export const renderTable: Renderer = (report, opts = {}) => {
  const c = picocolors.createColors(opts.color === true);
  const out: string[] = [];
  const idWidth = Math.min(MAX_ID_WIDTH, report.findings.reduce((w, f) => Math.max(w, f.checkId.length), 0));
  // A live object (scan --cluster) has no line: no position column.
  const posText = (f: Finding) => (f.location.line > 0 ? `${f.location.line}:${f.location.column}` : '');
  const posWidth = report.findings.reduce((w, f) => Math.max(w, posText(f).length), 0);
  const prefixWidth = 2 + 8 + 2 + idWidth + 2 + posWidth + 2;
  const inline = WIDTH - prefixWidth >= MIN_MESSAGE_WIDTH;
  const indent = ' '.repeat(inline ? prefixWidth : 4);
  const messageWidth = inline ? WIDTH - prefixWidth : WIDTH - 4;

  const byCheck = report.summary.byCheck ?? [];
  if (byCheck.length > 0 && report.findings.length > 0) {
    const w = Math.min(MAX_ID_WIDTH, byCheck.reduce((n, x) => Math.max(n, x.check.length), 'CHECK'.length));
    out.push(c.bold(`  ${'SEVERITY'.padEnd(8)}  ${'CHECK'.padEnd(w)}  FINDINGS  OBJECTS`));
    for (const x of byCheck) {
      out.push(`  ${severityLabel(c, x.severity)}  ${c.cyan(terminalText(x.check).padEnd(w))}  ${String(x.findings).padStart(8)}  ${String(x.objects).padStart(7)}`);
    }
    out.push('');
  }

  for (const group of groupByObject(report.findings)) {
    const file = terminalText(group.file);
    out.push(group.object ? `${c.bold(terminalText(objectLabel(group.object)))}  ${c.dim(file)}` : c.bold(file));
    for (const f of group.findings) {
      const id = terminalText(f.checkId).padEnd(idWidth);
      const pos = posText(f).padEnd(posWidth);
      const head = `  ${severityLabel(c, f.severity)}  ${c.cyan(id)}  ${c.dim(pos)}`;
      const lines = wrapText(terminalText(f.message), messageWidth);
      if (inline) {
        out.push(`${head}  ${lines[0] ?? ''}`.trimEnd());
        for (const l of lines.slice(1)) out.push(indent + l);
      } else {
        out.push(head.trimEnd());
        for (const l of lines) out.push(indent + l);
      }
      if (f.priority) for (const l of wrapText(terminalText(`↳ ${f.priority.reason}`), messageWidth)) out.push(indent + c.magenta(l));
    }
    out.push('');
  }

  if (report.helmTests?.length) {
    // Compact: one line per test hook object, its medium-and-above checks named, the rest counted.
    out.push(c.bold(HELM_TESTS_HEADING));
    for (const text of helmTestLines(report)) {
      const [first = '', ...more] = wrapText(terminalText(text), WIDTH - 4);
      out.push(`  ${first}`);
      for (const l of more) out.push(`    ${l}`);
    }
    out.push('');
  }

  if (report.warnings.length > 0) {
    out.push(c.bold('Warnings'));
    for (const w of report.warnings) {
      const [first = '', ...rest] = wrapText(terminalText(w), WIDTH - 4);
      out.push(`  ${c.yellow('!')} ${first}`);
      for (const l of rest) out.push(`    ${l}`);
    }
    out.push('');
  }

  if (report.compliance?.length) out.push(...complianceLines(report.compliance).map((l) => (l.startsWith('Compliance:') ? c.bold(l) : l)));

  const clean = findingTotal(report) === 0;
  if (!clean) out.push(c.dim(`${scannedText(report)}.`));
  for (const line of wrapText(summaryText(report), WIDTH)) out.push(clean ? c.green(line) : c.bold(line));
  return `${out.join('\n')}\n`;
};
