import type { Location, ObjectRef } from './finding.js';
import type { PositionIndex } from './position.js';

export type JsonObject = Record<string, unknown>;

/** Where an object came from, and how to find any of its fields. */
export interface SourceRef {
  /** File path as the user named it, "<stdin>", or the Helm template / Kustomize dir it was rendered from. */
  file: string;
  /** 0-based index of the YAML document in the file or rendered stream. */
  document: number;
  /** Index inside a `kind: List` document, when the object is one of its items. */
  item?: number;
  /** JSON pointer of the object inside its document ("" or "/items/3" for List items). */
  pointerPrefix: string;
  positions: PositionIndex;
  /** Set when the text was produced by a renderer: `file` and positions are those of the template or resource file it came from. */
  rendered?: 'helm' | 'kustomize';
  /**
   * For a rendered object whose template is known: whether the value at a JSON pointer (of the document) was
   * made at render time by the template (`randAlphaNum`, `lookup`, `genPrivateKey` ...), not written in source.
   */
  generated?: (pointer: string) => boolean;
}

/** One Kubernetes object as read from a source, with its identity pulled out. */
export interface K8sObject {
  /** Unique within an inventory, in input order. */
  id: number;
  apiVersion: string;
  kind: string;
  name: string;
  /** As written in metadata.namespace; see effectiveNamespace() for the namespace it lands in. */
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  raw: JsonObject;
  source: SourceRef;
}

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function asRecord(v: unknown): JsonObject | undefined {
  return isRecord(v) ? v : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A map of string values (labels, annotations, selectors): non-string values are dropped. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) {
    if (typeof val === 'string') out[k] = val;
    else if (typeof val === 'number' || typeof val === 'boolean') out[k] = String(val);
  }
  return out;
}

export function objectRef(o: K8sObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.name };
  if (o.namespace !== undefined) ref.namespace = o.namespace;
  return ref;
}

/** The source location of a field of an object (pointer relative to the object). */
export function locate(o: K8sObject, pointer: string): Location {
  const pos = o.source.positions.locate(o.source.pointerPrefix + pointer);
  const loc: Location = { file: o.source.file, line: pos.line, column: pos.column, document: o.source.document };
  if (o.source.rendered) loc.rendered = o.source.rendered;
  return loc;
}

/** "Deployment/prod/web" style display name. */
export function displayName(o: { kind: string; namespace?: string; name: string }): string {
  return o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`;
}
