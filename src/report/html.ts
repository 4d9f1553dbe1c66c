import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { escapeXmlAttr as attr, stripIllegalXmlChars } from './escape-xml.js';
import { HTML_CSP, HTML_CSS, HTML_SCRIPT } from './html-assets.js';
import { ReportBody } from './html-page.js';
import { knownChecks } from './known-checks.js';
import type { Renderer } from './report.js';

/**
 * JSON that is safe inside a <script> element: no "</script>", "<!--" or "]]>" can form, and the
 * line separators JavaScript once rejected are escaped too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One self-contained HTML page: summary, compliance, filters (severity, check, search), findings grouped by
 * object, suppressed findings and check help. The body is the shared React components (./components/, the same
 * the dashboard shows) rendered to static markup: React escapes every text and attribute, and nothing here uses
 * dangerouslySetInnerHTML. Only the head, the inline JSON data (jsonForScript) and the filter script are written as
 * strings. Nothing is loaded from anywhere (a CSP forbids it).
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
    stripIllegalXmlChars(renderToStaticMarkup(createElement(ReportBody, { report, checks }))),
    `<script type="application/json" id="kubeward-data">${jsonForScript(data)}</script>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
};
