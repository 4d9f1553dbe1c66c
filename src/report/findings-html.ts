import type { FindingRowParts } from './components/finding-row.js';
import { findingRowParts } from './components/finding-row.js';
import type { FindingView } from './components/types.js';

/*
 * The findings of `kubeward scan -o html` written as strings: the same markup the shared React FindingsTable /
 * FindingRow / FindingDetail components render (test/report/shared-components.test.ts holds them equal), from
 * the same findingRowParts. The report's finding rows are the one part of the page big enough for the speed of
 * React's server renderer to matter: on reports of 14k–21k findings it took 4.5–8× the string writer's time
 * (bench/README.md, "HTML report"), so the rows are written here and the rest of the page is React.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };
const SPECIAL = /[&<>"']/;

/** Escapes text and attribute values exactly as React's server renderer does (so the markup is the same). */
export function escapeLikeReact(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : s;
}
const e = escapeLikeReact;

function evidenceHtml(ev: NonNullable<FindingRowParts['evidence']>): string {
  let out = '<div class="ev">';
  if (ev.found !== undefined) out += `found: <code>${e(ev.found)}</code>`;
  if (ev.found !== undefined && ev.expected !== undefined) out += '; ';
  if (ev.expected !== undefined) out += `expected: <code>${e(ev.expected)}</code>`;
  return `${out}</div>`;
}

/** FindingDetail as a string. */
export function findingDetailHtml(p: Pick<FindingRowParts, 'message' | 'path' | 'evidence' | 'fix'>): string {
  return (
    `<div class="fd"><div class="msg">${e(p.message)}</div>` +
    (p.path ? `<div class="path">${e(p.path)}</div>` : '') +
    (p.evidence ? evidenceHtml(p.evidence) : '') +
    (p.fix ? `<div class="fix"><strong>Fix:</strong> ${e(p.fix)}</div>` : '') +
    '</div>'
  );
}

/** FindingRow (with a plain link) as a string. */
export function findingRowHtml(p: FindingRowParts): string {
  return (
    `<tr class="f" data-sev="${e(p.severity)}" data-check="${e(p.checkId)}">` +
    `<td><span class="sev sev-${e(p.severity)}">${e(p.severity)}</span></td>` +
    `<td><a href="${e(p.checkHref)}" class="check">${e(p.checkId)}</a>${p.title ? `<div class="title">${e(p.title)}</div>` : ''}</td>` +
    `<td class="pos">${e(p.location)}</td>` +
    `<td>${findingDetailHtml(p)}</td></tr>`
  );
}

const TABLE_HEAD =
  '<table class="findings-table"><thead><tr><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Line</th>' +
  '<th scope="col">Finding</th></tr></thead><tbody>';

/** FindingsTable (with a plain link) as a string. */
export function findingsTableHtml(findings: readonly FindingView[], checkHref: (checkId: string) => string): string {
  let out = TABLE_HEAD;
  for (const f of findings) out += findingRowHtml(findingRowParts(f, checkHref));
  return `${out}</tbody></table>`;
}
