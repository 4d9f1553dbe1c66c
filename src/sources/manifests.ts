import { redactWords } from '../model/redact.js';
import { kindCaseProblem } from './kind-case.js';
import { isRecord, stringMap, type JsonObject, type K8sObject, type SourceRef } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';
import { parseJsonText, parseYamlStream, type ParsedDocument } from './yaml/index.js';

/** What reading manifests gives: objects (ids to be assigned by the inventory builder) and problems. */
export interface Loaded {
  objects: Omit<K8sObject, 'id'>[];
  problems: LoadProblem[];
  documents: number;
}

export interface LoadTextOptions {
  /** Parse as JSON (one document) instead of a YAML stream. */
  json?: boolean;
  /** Mark objects as rendered by a tool (positions are in its output). */
  rendered?: SourceRef['rendered'];
  /** Map a document to the file it came from (Helm's `# Source:` comments); defaults to `file`. */
  fileOf?: (doc: ParsedDocument) => { file: string; lineOffset: number } | undefined;
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
    out.problems.push({ code: 'invalid-manifest', message: redactWords(`cannot parse: ${(err as Error).message}`), file, line: 1, column: 1 });
    return out;
  }
  for (const doc of docs) {
    const mapped = opts.fileOf?.(doc);
    const docFile = mapped?.file ?? file;
    const shift = mapped?.lineOffset ?? 0;
    const positions = shift
      ? { locate: (p: string) => { const pos = doc.positions.locate(p); return { line: pos.line - shift, column: pos.column }; } }
      : doc.positions;
    const problem = (message: string, line: number, column: number, code = 'invalid-manifest') =>
      out.problems.push({ code, message: redactWords(message), file: docFile, line: line - shift, column, document: doc.index });
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

function isList(v: JsonObject): v is JsonObject & { kind: string; items: unknown[] } {
  return typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items) && (v.apiVersion === 'v1' || v.apiVersion === undefined);
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
  list.items.forEach((child, i) => {
    const pointer = `${prefix}/items/${i}`;
    const index = item ?? i;
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

