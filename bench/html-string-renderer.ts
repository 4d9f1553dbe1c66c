// The string-template renderer of `kubeward scan -o html` before the shared React components (commit 18c3271),
// kept only as the baseline of bench/html.bench.ts. Not used by kubeward.
import { SEVERITIES, type Finding } from '../src/model/finding.js';
import { complianceHeadline, controlResult, orderControls, statusLabel } from '../src/report/compliance-text.js';
import { escapeXmlAttr as attr, escapeXmlText as esc } from '../src/report/escape-xml.js';
import { frameworkRefs } from '../src/report/framework-text.js';
import { HTML_CSP, HTML_CSS, HTML_SCRIPT } from '../src/report/html-assets.js';
import { knownChecks } from '../src/report/known-checks.js';
import { groupByObject, objectLabel } from '../src/report/object-key.js';
import type { Renderer, Report, SuppressedFinding } from '../src/report/report.js';
import { summaryText } from '../src/report/summary-text.js';

/**
 * JSON that is safe inside a <script> element: no "</script>", "<!--" or "]]>" can form, and the
 * line separators JavaScript once rejected are escaped too.
 */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const checkAnchor = (id: string) => `check-${id}`;

function evidenceText(f: Finding): string {
  if (!f.evidence) return '';
  const parts: string[] = [];
  if (f.evidence.found !== undefined) parts.push(`found: ${JSON.stringify(f.evidence.found)}`);
  if (f.evidence.expected !== undefined) parts.push(`expected: ${f.evidence.expected}`);
  return parts.length ? `<div class="ev">${esc(parts.join('; '))}</div>` : '';
}

function findingRow(f: Finding): string {
  return (
    `<tr class="f" data-sev="${attr(f.severity)}" data-check="${attr(f.checkId)}">` +
    `<td><span class="sev sev-${attr(f.severity)}">${esc(f.severity)}</span></td>` +
    `<td><a href="#${attr(checkAnchor(f.checkId))}">${esc(f.checkId)}</a></td>` +
    `<td class="pos">${f.location.line > 0 ? `${f.location.line}:${f.location.column}` : ''}</td>` +
    `<td>${esc(f.message)}${f.path ? `<div class="path">${esc(f.path)}</div>` : ''}${evidenceText(f)}</td></tr>`
  );
}

function findingsSection(report: Report): string[] {
  if (report.findings.length === 0) return ['<p class="clean">No findings.</p>'];
  const out: string[] = [];
  for (const g of groupByObject(report.findings)) {
    const label = g.object ? objectLabel(g.object) : g.file;
    out.push(
      `<section class="obj" data-label="${attr(`${label} ${g.file}`)}">`,
      `<h2>${esc(label)} <small>${esc(g.file)}</small></h2>`,
      '<table><thead><tr><th>Severity</th><th>Check</th><th>Line</th><th>Message</th></tr></thead><tbody>',
    );
    for (const f of g.findings) out.push(findingRow(f));
    out.push('</tbody></table></section>');
  }
  return out;
}

function suppressedSection(list: readonly SuppressedFinding[]): string[] {
  if (list.length === 0) return [];
  const out = [
    `<h2>Suppressed (${list.length})</h2>`,
    '<table><thead><tr><th>Check</th><th>Object</th><th>Location</th><th>By</th><th>Reason</th><th>Owner</th><th>Expires</th></tr></thead><tbody>',
  ];
  for (const s of list) {
    const f = s.finding;
    out.push(
      `<tr><td>${esc(f.checkId)}</td><td>${esc(f.object ? objectLabel(f.object) : '')}</td>` +
        `<td>${esc(f.location.line > 0 ? `${f.location.file}:${f.location.line}` : f.location.file)}</td><td>${esc(s.by)}</td><td>${esc(s.reason)}</td>` +
        `<td>${esc(s.owner ?? '')}</td><td>${esc(s.expires ?? '')}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  return out;
}

/**
 * One self-contained HTML page: summary cards, filters (severity, check, search), findings grouped
 * by object, suppressed findings and check help. Nothing is loaded from anywhere (a CSP forbids
 * it); every user-controlled string is escaped, including inside the inline JSON data.
 */
export const renderHtmlStrings: Renderer = (report) => {
  const checks = knownChecks(report);
  const data = {
    tool: report.tool,
    scannedAt: report.scannedAt,
    summary: report.summary,
    checks: checks.map((c) => ({ id: c.id, title: c.title, severity: c.severity })),
  };
  const cards = SEVERITIES.map(
    (s) => `<div class="card sev-${s}"><span class="n">${report.summary.findings[s]}</span>${s}</div>`,
  );
  cards.push(
    `<div class="card"><span class="n">${report.summary.objects}</span>objects</div>`,
    `<div class="card"><span class="n">${report.summary.files}</span>files</div>`,
    `<div class="card"><span class="n">${report.summary.suppressed}</span>suppressed</div>`,
  );
  const filters = SEVERITIES.map((s) => `<label><input type="checkbox" class="sev-filter" value="${s}" checked> ${s}</label>`);
  const help = checks.map((c) => {
    const refs = frameworkRefs(c.frameworks);
    return (
      `<details id="${attr(checkAnchor(c.id))}"><summary>${esc(c.id)}: ${esc(c.title)} <span class="sev sev-${attr(c.severity)}">${esc(c.severity)}</span></summary>` +
      `<p>${esc(c.description)}</p><p><strong>Remediation:</strong> ${esc(c.remediation)}</p>` +
      (refs.length ? `<p><strong>References:</strong> ${esc(refs.join(', '))}</p>` : '') +
      '</details>'
    );
  });
  const warnings = report.warnings.map((w) => `<div class="warn">${esc(w)}</div>`);
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attr(HTML_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>kubeward report</title>',
    `<style>${HTML_CSS}</style></head><body>`,
    '<header><h1>kubeward report</h1>',
    `<p class="meta">${esc(summaryText(report))}. Scanned ${esc(report.scannedAt)} by kubeward ${esc(report.tool.version)}.</p></header>`,
    `<section class="cards">${cards.join('')}</section>`,
    ...(warnings.length ? ['<section id="warnings"><h2>Warnings</h2>', ...warnings, '</section>'] : []),
    ...(report.compliance ?? []).map((c) =>
      `<section class="compliance"><h2>Compliance: ${esc(c.title)}</h2><p class="meta">${esc(c.version)}: ${esc(complianceHeadline(c))}</p>` +
      '<table><thead><tr><th>Control</th><th>Status</th><th>Result</th></tr></thead><tbody>' +
      orderControls(c.controls).map((x) => `<tr><td>${esc(x.id)} ${esc(x.title)}</td><td>${esc(statusLabel(x.status))}</td><td>${esc(controlResult(x))}</td></tr>`).join('') +
      '</tbody></table></section>'),
    '<section class="filters">',
    '<label>Search <input id="q" type="search" placeholder="object, file, message"></label>',
    ...filters,
    '<label>Check <select id="check"><option value="">All checks</option></select></label>',
    '<span id="shown" class="meta"></span></section>',
    '<main id="findings">',
    ...findingsSection(report),
    '</main>',
    ...suppressedSection(report.suppressed),
    '<section id="checks"><h2>Checks</h2>',
    ...help,
    '</section>',
    `<script type="application/json" id="kubeward-data">${jsonForScript(data)}</script>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
};
