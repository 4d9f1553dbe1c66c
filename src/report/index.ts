import { renderHtml } from './html.js';
import { jsonChunks, renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderPolicyReport } from './policy-report.js';
import type { Renderer, Report } from './report.js';
import { renderSarif, sarifChunks } from './sarif.js';
import { renderTable } from './table.js';

export type FormatName = 'table' | 'json' | 'sarif' | 'junit' | 'markdown' | 'html' | 'policyreport';

export const FORMAT_NAMES: readonly FormatName[] = ['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'policyreport'];

/** Every output format: pure functions from a Report to text. */
export const FORMATS: Record<FormatName, Renderer> = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
  policyreport: renderPolicyReport,
};

/** Formats that can also be produced in pieces (the same text), for very large reports. */
export const CHUNKED: Partial<Record<FormatName, (report: Report) => Iterable<string>>> = {
  json: jsonChunks,
  sarif: sarifChunks,
};

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export type { Renderer, RenderOptions, Report, ReportCheck, ReportObject, SuppressedFinding } from './report.js';
