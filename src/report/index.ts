import { renderHtml } from './html.js';
import { jsonChunks, ndjsonChunks, renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderPolicyReport } from './policy-report.js';
import { redactReport } from './redact-report.js';
import type { Renderer, Report } from './report.js';
import { renderSarif, sarifChunks } from './sarif.js';
import { renderTable } from './table.js';

export type FormatName = 'table' | 'json' | 'sarif' | 'junit' | 'markdown' | 'html' | 'policyreport';

export const FORMAT_NAMES: readonly FormatName[] = ['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'policyreport'];

const redacted = (render: Renderer): Renderer => (report, opts) => render(redactReport(report), opts);

/** Every output format: pure functions from a Report to text; each renders the redacted report (see redactReport). */
export const FORMATS: Record<FormatName, Renderer> = {
  table: redacted(renderTable),
  json: redacted(renderJson),
  sarif: redacted(renderSarif),
  junit: redacted(renderJunit),
  markdown: redacted(renderMarkdown),
  html: redacted(renderHtml),
  policyreport: redacted(renderPolicyReport),
};

/** Formats that can also be produced in pieces (the same text), for very large reports. */
export const CHUNKED: Partial<Record<FormatName, (report: Report) => Iterable<string>>> = {
  json: (report) => jsonChunks(redactReport(report)),
  sarif: (report) => sarifChunks(redactReport(report)),
};

/** The redacted report as the NDJSON body of an upload to a kubeward server (see ndjsonChunks). */
export const uploadChunks = (report: Report): Iterable<string> => ndjsonChunks(redactReport(report));

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export type { Renderer, RenderOptions, Report, ReportCheck, ReportObject, SuppressedFinding } from './report.js';
