import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { escapeXmlAttr as attr, stripIllegalXmlChars } from './escape-xml.js';
import { HTML_CSP, HTML_CSS, HTML_SCRIPT } from './html-assets.js';
import { findingView } from './finding-view.js';
import { escapeLikeReact as e, findingsTableHtml } from './findings-html.js';
import { checkHref, ReportBottom, ReportTop } from './html-page.js';
import { knownChecks } from './known-checks.js';
import { groupByObject, objectLabel } from './object-key.js';
import type { Renderer, Report } from './report.js';

/**
 * JSON that is safe inside a <script> element: no "</script>", "<!--" or "]]>" can form, and the
 * line separators JavaScript once rejected are escaped too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The findings grouped by object: one section per object (or file), each the shared FindingsTable's markup. */
function findingsHtml(report: Report): string {
  if (report.findings.length === 0) return '<main id="findings"><p class="clean">No findings.</p></main>';
  const out = ['<main id="findings">'];
  for (const g of groupByObject(report.findings)) {
    const label = g.object ? objectLabel(g.object) : g.file;
    out.push(
      `<section class="obj" data-label="${e(`${label} ${g.file}`)}"><h2>${e(label)} <small>${e(g.file)}</small></h2>` +
        `${findingsTableHtml(g.findings.map(findingView), checkHref)}</section>`,
    );
  }
  out.push('</main>');
  return out.join('\n');
}

/**
 * One self-contained HTML page: summary, compliance, filters (severity, check, search), findings grouped by
 * object, suppressed findings and check help. The body is the shared React components (./components/, the same
 * the dashboard shows) rendered to static markup: React escapes every text and attribute, and nothing here uses
 * dangerouslySetInnerHTML. The finding rows are written by findings-html.ts — the same markup as the shared
 * FindingsTable, from the same findingRowParts, escaped as React escapes — because React's server renderer is 4.5–8×
 * slower on them (bench/README.md). The head, the inline JSON data (jsonForScript) and the filter script are strings
 * too. Nothing is loaded from anywhere (a CSP forbids it).
 */
export const renderHtml: Renderer = (report) => {
  const checks = knownChecks(report);
  const data = {
    tool: report.tool,
    scannedAt: report.scannedAt,
    summary: report.summary,
    checks: checks.map((c) => ({ id: c.id, title: c.title, severity: c.severity })),
  };
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attr(HTML_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>kubeward report</title>',
    `<style>${HTML_CSS}</style></head><body>`,
    // Control characters (an ANSI escape in a name) and lone surrogates are dropped, as escapeXmlText drops them.
    stripIllegalXmlChars(renderToStaticMarkup(createElement(ReportTop, { report }))),
    stripIllegalXmlChars(findingsHtml(report)),
    stripIllegalXmlChars(renderToStaticMarkup(createElement(ReportBottom, { report, checks }))),
    `<script type="application/json" id="kubeward-data">${jsonForScript(data)}</script>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
};
