import { redactWords } from '../model/redact.js';
import { kindCaseProblem } from './kind-case.js';
import { isRecord, stringMap, type JsonObject, type K8sObject, type SourceRef } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';
import type { PositionIndex } from '../model/position.js';
import { parseJsonText, parseYamlStream, type ParsedDocument } from './yaml/index.js';

/** What reading manifests gives: objects (ids to be assigned by the inventory builder) and problems. */
export interface Loaded {
  objects: Omit<K8sObject, 'id'>[];
  problems: LoadProblem[];
  documents: number;
  /** Files found while walking a tree that are not Kubernetes at all (CI workflows, package.json, values files): not read, counted. */
  skipped?: number;
}

export interface LoadTextOptions {
  /** Parse as JSON (one document) instead of a YAML stream. */
  json?: boolean;
  /** Mark objects as rendered by a tool (positions are in its output). */
  rendered?: SourceRef['rendered'];
  /** Map a document to the file it came from (Helm's `# Source:` comments); defaults to `file`. */
  fileOf?: (doc: ParsedDocument) => { file: string; lineOffset: number; positions?: PositionIndex; generated?: (pointer: string) => boolean } | undefined;
  /**
   * A file found while walking a tree: when nothing in it looks like Kubernetes (no document with `apiVersion`
   * or `kind`, no list of such), it is skipped (`skipped: 1`), not reported. A file that looks like Kubernetes
   * and is broken is still reported.
   */
  skipForeign?: boolean;
}

/** A line that starts an `apiVersion:` or `kind:` key (YAML or JSON, quoted or not). */
const KUBERNETES_KEY = /^[\s{,]*["']?(apiVersion|kind)["']?\s*:/m;

const REFUSED = /possible alias bomb|nesting deeper than/;

function looksKubernetes(v: unknown): boolean {
  if (!isRecord(v)) return false;
  if ('apiVersion' in v || 'kind' in v) return true;
  return Array.isArray(v.items) && v.items.some(looksKubernetes);
}

/** Nothing in this file is Kubernetes: a parse failure with no apiVersion/kind key anywhere, or documents none of which is an object with one. */
function isForeign(text: string, docs: readonly ParsedDocument[] | undefined): boolean {
  // A document refused for a reader limit (an alias bomb, nesting past the limit) is always reported: it is an attack or a mistake.
  if (docs?.some((d) => d.error && REFUSED.test(d.error.message))) return false;
  if (!docs || docs.some((d) => d.error)) return !KUBERNETES_KEY.test(text);
  // An empty file (or only comments) is nothing at all, not a skipped file.
  if (docs.every((d) => d.value === undefined || d.value === null)) return false;
  return !docs.some((d) => looksKubernetes(d.value));
}

/**
 * Turn one file's text into Kubernetes objects. Multi-document streams, `kind: List` (each item its
 * own object, positions under /items/N), empty documents skipped, documents that are not objects or
 * lack apiVersion/kind reported as problems. Never throws.
 */
export function loadText(text: string, file: string, opts: LoadTextOptions = {}): Loaded {
  const out: Loaded = { objects: [], problems: [], documents: 0 };
  let docs: ParsedDocument[];
  try {
    docs = opts.json ? parseJsonText(text) : parseYamlStream(text);
  } catch (err) {
    if (opts.skipForeign && isForeign(text, undefined)) return { ...out, skipped: 1 };
    out.problems.push({ code: 'invalid-manifest', message: redactWords(`cannot parse: ${(err as Error).message}`), file, line: 1, column: 1 });
    return out;
  }
  if (opts.skipForeign && docs.length > 0 && isForeign(text, docs)) return { ...out, skipped: 1 };
  for (const doc of docs) {
    const mapped = opts.fileOf?.(doc);
    const docFile = mapped?.file ?? file;
    const shift = mapped?.lineOffset ?? 0;
    const positions = mapped?.positions
      ? mapped.positions
      : shift
      ? { locate: (p: string) => { const pos = doc.positions.locate(p); return { line: pos.line - shift, column: pos.column }; } }
      : doc.positions;
    // With positions of their own (a Helm template, a Kustomize resource file), a problem is put at the document's start there.
    const own = mapped?.positions;
    const problem = (message: string, line: number, column: number, code = 'invalid-manifest') => {
      const at = own ? own.locate('') : { line: line - shift, column };
      out.problems.push({ code, message: redactWords(message), file: docFile, line: at.line, column: at.column, document: doc.index });
    };
    for (const w of doc.warnings) problem(w.message, w.line, w.column, w.code);
    if (doc.error) {
      problem(doc.error.message, doc.error.line, doc.error.column);
      continue;
    }
    if (doc.value === undefined || doc.value === null) continue;
    out.documents++;
    const source = (pointerPrefix: string, item?: number): SourceRef => {
      const s: SourceRef = { file: docFile, document: doc.index, pointerPrefix, positions };
      if (item !== undefined) s.item = item;
      if (opts.rendered) s.rendered = opts.rendered;
      if (mapped?.generated) s.generated = mapped.generated;
      return s;
    };
    if (!isRecord(doc.value)) {
      const at = doc.positions.locate('');
      problem(`document is a ${Array.isArray(doc.value) ? 'list' : typeof doc.value}, not a Kubernetes object`, at.line, at.column);
      continue;
    }
    const v = doc.value;
    if (isList(v)) {
      addList(out, v, '', undefined, 0, source, problem, doc.positions);
      continue;
    }
    addObject(out, v, source(''), problem);
  }
  return out;
}

/**
 * `kind: List`, a typed list as the API returns it (`PodList`, `networking.k8s.io/v1 NetworkPolicyList`), or a
 * list with no `kind` at all (`{apiVersion: v1, items: [...]}`).
 */
function isList(v: JsonObject): v is JsonObject & { items: unknown[] } {
  if (!Array.isArray(v.items)) return false;
  if (v.kind === undefined) return v.apiVersion === undefined || v.apiVersion === 'v1';
  return typeof v.kind === 'string' && v.kind.endsWith('List');
}

/** What a typed list's items are (`PodList` → `v1 Pod`); undefined for `kind: List` and kind-less lists. */
function itemTypeOf(list: JsonObject): { apiVersion?: string; kind: string } | undefined {
  if (typeof list.kind !== 'string' || list.kind === 'List' || !list.kind.endsWith('List')) return undefined;
  const kind = list.kind.slice(0, -'List'.length);
  return typeof list.apiVersion === 'string' && list.apiVersion !== '' ? { apiVersion: list.apiVersion, kind } : { kind };
}

/** Lists nested in lists this deep are reported, not unpacked further. */
const MAX_LIST_DEPTH = 16;

/** Unpack a `kind: List` (or FooList), and lists inside it, as kubectl does; each item keeps its pointer (`/items/0/items/2`). */
function addList(
  out: Loaded,
  list: JsonObject & { items: unknown[] },
  prefix: string,
  item: number | undefined,
  depth: number,
  source: (pointerPrefix: string, item?: number) => SourceRef,
  problem: (m: string, l: number, c: number) => void,
  positions: { locate(p: string): { line: number; column: number } },
): void {
  list.items.forEach((item0, i) => {
    let child = item0;
    const pointer = `${prefix}/items/${i}`;
    const index = item ?? i;
    const type = itemTypeOf(list);
    // The API leaves kind and apiVersion out of a typed list's items: they take the list's.
    if (type && isRecord(child) && (child.kind === undefined || child.apiVersion === undefined)) {
      child = { ...(type.apiVersion !== undefined ? { apiVersion: type.apiVersion } : {}), kind: type.kind, ...child };
    }
    if (isRecord(child) && isList(child)) {
      if (depth + 1 >= MAX_LIST_DEPTH) {
        const at = positions.locate(pointer);
        problem(`a List nested more than ${MAX_LIST_DEPTH} levels deep: not unpacked`, at.line, at.column);
      } else addList(out, child, pointer, index, depth + 1, source, problem, positions);
      return;
    }
    addObject(out, child, source(pointer, index), problem);
  });
}

function addObject(out: Loaded, value: unknown, source: SourceRef, problem: (m: string, l: number, c: number) => void): void {
  // Positions are resolved only when there is something to report (line tables are built lazily).
  const at = () => source.positions.locate(source.pointerPrefix);
  if (!isRecord(value)) {
    const pos = at();
    problem(`item is not a Kubernetes object`, pos.line, pos.column);
    return;
  }
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '' || typeof value.kind !== 'string' || value.kind === '') {
    const missing = ['apiVersion', 'kind'].filter((k) => typeof value[k] !== 'string' || value[k] === '');
    const pos = at();
    problem(`not a Kubernetes object: missing ${missing.join(' and ')}`, pos.line, pos.column);
    return;
  }
  const wrongCase = kindCaseProblem(value.apiVersion as string, value.kind as string);
  if (wrongCase) {
    const pos = source.positions.locate(source.pointerPrefix + '/kind');
    problem(wrongCase, pos.line, pos.column);
    return;
  }
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '';
  const obj: Omit<K8sObject, 'id'> = {
    apiVersion: value.apiVersion as string,
    kind: value.kind as string,
    name,
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    raw: value,
    source,
  };
  if (typeof metadata.namespace === 'string' && metadata.namespace !== '') obj.namespace = metadata.namespace;
  out.objects.push(obj);
}

/** Assign ids in input order. */
export function withIds(objects: Omit<K8sObject, 'id'>[], start = 0): K8sObject[] {
  return objects.map((o, i) => ({ ...o, id: start + i }));
}

