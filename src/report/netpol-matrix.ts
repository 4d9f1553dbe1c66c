/** Renderers of the reachability matrix: pure functions from connections to text, one line or row at a time. */
import { portsJson, portsText, type Connection } from '../model/ports.js';
import { escapeXmlText as esc } from './escape-xml.js';
import { jsonDocumentHead } from './json-document.js';

export const MATRIX_FORMATS = ['table', 'json', 'csv', 'html'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

/**
 * The documented contract: {"schemaVersion", "kind": "NetpolMatrix", "connections": [{"src", "dst", "allowed"}]},
 * one connection per line (docs/schemas/NetpolMatrix.schema.json).
 */
export function* matrixJson(conns: Iterable<Connection>): Generator<string> {
  yield `{${jsonDocumentHead('NetpolMatrix')}, "connections": [`;
  let first = true;
  for (const c of conns) {
    yield `${first ? '\n' : ',\n'}  ${JSON.stringify({ src: c.src, dst: c.dst, allowed: portsJson(c.allowed) })}`;
    first = false;
  }
  yield first ? ']}\n' : '\n]}\n';
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: src,dst,allowed with allowed as "all" or "TCP 80,443; UDP 53". */
export function* matrixCsv(conns: Iterable<Connection>): Generator<string> {
  yield 'src,dst,allowed\r\n';
  for (const c of conns) yield `${csvCell(c.src)},${csvCell(c.dst)},${csvCell(portsText(c.allowed))}\r\n`;
}

/** Aligned columns; the connections are buffered to size them. */
export function* matrixTable(conns: Iterable<Connection>): Generator<string> {
  const rows = [...conns].map((c) => [c.src, c.dst, portsText(c.allowed)] as const);
  if (rows.length === 0) {
    yield 'No connections are allowed between the workloads found.\n';
    return;
  }
  const w0 = Math.max(6, ...rows.map((r) => r[0].length));
  const w1 = Math.max(11, ...rows.map((r) => r[1].length));
  yield `${'SOURCE'.padEnd(w0)}  ${'DESTINATION'.padEnd(w1)}  ALLOWED\n`;
  for (const r of rows) yield `${r[0].padEnd(w0)}  ${r[1].padEnd(w1)}  ${r[2]}\n`;
  yield `\n${rows.length} connection(s); pairs not listed have no connection.\n`;
}

/** A self-contained HTML page with one table. */
export function* matrixHtml(conns: Iterable<Connection>): Generator<string> {
  yield '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>kubeward netpol matrix</title>' +
    '<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}' +
    'th{background:#f3f3f3}td.all{color:#b00}</style></head><body><h1>Network reachability</h1>' +
    '<p>Every ordered pair with an allowed connection; a pair not listed has none.</p>' +
    '<table><thead><tr><th>Source</th><th>Destination</th><th>Allowed</th></tr></thead><tbody>\n';
  for (const c of conns) {
    const text = portsText(c.allowed);
    yield `<tr><td>${esc(c.src)}</td><td>${esc(c.dst)}</td><td${text === 'all' ? ' class="all"' : ''}>${esc(text)}</td></tr>\n`;
  }
  yield '</tbody></table></body></html>\n';
}

export function renderMatrix(format: MatrixFormat, conns: Iterable<Connection>): Iterable<string> {
  switch (format) {
    case 'json': return matrixJson(conns);
    case 'csv': return matrixCsv(conns);
    case 'html': return matrixHtml(conns);
    case 'table': return matrixTable(conns);
  }
}
