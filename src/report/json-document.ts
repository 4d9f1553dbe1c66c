/**
 * The envelope of every machine-readable output that is not the findings Report: `schemaVersion` and `kind`
 * first, then the command's own keys. Each kind has a JSON Schema in docs/schemas/<kind>.schema.json
 * (docs/findings-json.md, "Other JSON outputs"); test/report/output-schemas.test.ts validates every one.
 */

/** "MAJOR.MINOR", as the findings Report: minor versions only add properties. */
export const JSON_DOCUMENT_VERSION = '1.0';

/** The kinds of JSON document the commands write (`kind` in the document, the schema's file name). */
export const JSON_DOCUMENT_KINDS = [
  'RbacCan',
  'RbacWhoCan',
  'RbacPermissions',
  'RbacPaths',
  'NetpolExplain',
  'NetpolMatrix',
  'CheckList',
  'FrameworkList',
  'Framework',
  'AdvisoryDbInfo',
  'VulnReport',
  'AuditAlerts',
] as const;
export type JsonDocumentKind = (typeof JSON_DOCUMENT_KINDS)[number];

/** The body as a document: `{"schemaVersion": "1.0", "kind": KIND, ...body}`, indented by 2, no final newline. */
export function jsonDocument(kind: JsonDocumentKind, body: object): string {
  if (Array.isArray(body)) throw new Error(`jsonDocument(${kind}): the body must be an object, not an array`);
  if ('schemaVersion' in body || 'kind' in body) throw new Error(`jsonDocument(${kind}): the body must not have its own "schemaVersion" or "kind"`);
  return JSON.stringify({ schemaVersion: JSON_DOCUMENT_VERSION, kind, ...body }, null, 2);
}

/** The two envelope keys as JSON members (`"schemaVersion": "1.0", "kind": "..."`), for documents written in pieces. */
export function jsonDocumentHead(kind: JsonDocumentKind): string {
  return `"schemaVersion": ${JSON.stringify(JSON_DOCUMENT_VERSION)}, "kind": ${JSON.stringify(kind)}`;
}
