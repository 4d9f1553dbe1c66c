// The differential oracle for the YAML parser (used by test/yaml/corpus-diff.test.ts and
// bench/parse-diff.ts). For every document of a file it compares parseYamlStream's result with:
//  1. the `yaml` library's AST walked by our fallback walker (same go-yaml v2 scalar resolver): values
//     must be deeply equal;
//  2. the `yaml` library's own toJS() with version '1.1': values must be equal except where the two
//     schemas disagree on purpose (counted under `accepted`, by reason);
//  3. positions: locate(p) for every key/item pointer (not under aliases or merge keys) must equal the
//     yaml library's node range start converted with its LineCounter.
import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { pointerSegment } from '../../src/model/position.js';
import { walkYamlDocument } from '../../src/sources/yaml/fallback.js';
import { parseYamlStream } from '../../src/sources/yaml/index.js';
import { resolvePlainKey } from '../../src/sources/yaml/scalar-resolve.js';

export interface Mismatch {
  file: string;
  document: number;
  kind: 'document-count' | 'error' | 'value' | 'toJS' | 'position';
  detail: string;
}

export interface DiffResult {
  files: number;
  documents: number;
  pointers: number;
  mismatches: Mismatch[];
  /** Leaf differences against toJS that are schema differences (go-yaml v2 vs yaml 1.1), by reason. */
  accepted: Record<string, number>;
}

export function emptyResult(): DiffResult {
  return { files: 0, documents: 0, pointers: 0, mismatches: [], accepted: {} };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

/** Why a leaf may differ from yaml's 1.1 toJS, or null when it must not. */
function schemaDifference(ours: unknown, theirs: unknown): string | null {
  if (theirs instanceof Date) return 'timestamp: go-yaml v2 keeps it a string';
  if (theirs instanceof Uint8Array) return '!!binary: kept as its base64 text';
  if (typeof ours === 'string' && typeof theirs === 'number' && /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(ours)) {
    return 'sexagesimal (base 60): not a number in go-yaml v2';
  }
  if (typeof ours === 'number' && typeof theirs === 'string' && /^[-+]?0([oO][0-7_]+|[0-9_]*[89][0-9_]*(\.[0-9_]*)?)$/.test(theirs)) {
    return '0o octal or 08/09: numbers in go-yaml v2 (ParseInt base 0 / ParseFloat)';
  }
  return null;
}

/** First difference between our value and toJS, or null; leaf schema differences are tallied. */
function compareToJs(ours: unknown, theirs: unknown, path: string, accepted: Record<string, number>): string | null {
  if (Object.is(ours, theirs)) return null;
  if (Array.isArray(ours) && Array.isArray(theirs)) {
    if (ours.length !== theirs.length) return `${path}: length ${ours.length} ≠ ${theirs.length}`;
    for (let i = 0; i < ours.length; i++) {
      const d = compareToJs(ours[i], theirs[i], `${path}/${i}`, accepted);
      if (d) return d;
    }
    return null;
  }
  if (isPlainObject(ours) && isPlainObject(theirs)) {
    const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
    const onlyOurs = [...keys].filter((k) => !Object.hasOwn(theirs, k));
    const onlyTheirs = [...keys].filter((k) => !Object.hasOwn(ours, k));
    if (onlyOurs.length === 1 && onlyOurs[0] === '.' && onlyTheirs.length === 1 && onlyTheirs[0] === 'NaN') {
      const why = "key '.': a string in go-yaml v2, NaN in yaml 1.1";
      accepted[why] = (accepted[why] ?? 0) + 1;
      const d = compareToJs(ours['.'], theirs['NaN'], `${path}/.`, accepted);
      if (d) return d;
      keys.delete('.');
      keys.delete('NaN');
    }
    for (const k of keys) {
      if (!Object.hasOwn(ours, k) || !Object.hasOwn(theirs, k)) return `${path}/${k}: key only on one side`;
      const d = compareToJs(ours[k], theirs[k], `${path}/${pointerSegment(k)}`, accepted);
      if (d) return d;
    }
    return null;
  }
  const why = schemaDifference(ours, theirs);
  if (why) {
    accepted[why] = (accepted[why] ?? 0) + 1;
    return null;
  }
  return `${path}: ${JSON.stringify(ours)} ≠ ${String(theirs)}`;
}

/** Pointer → expected offset for every key and item reachable without going through an alias or merge. */
export function expectedOffsets(root: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: unknown, ptr: string): void => {
    if (isAlias(n)) return;
    if (isMap(n)) {
      const seen = new Set<string>();
      for (const pair of n.items) {
        const k = pair.key as Node | null;
        if (!isScalar(k) || k.tag || (k.type !== 'PLAIN' && k.type !== 'QUOTE_DOUBLE' && k.type !== 'QUOTE_SINGLE')) continue;
        const text = String(k.source ?? '');
        if (k.type === 'PLAIN' && text === '<<') continue;
        const key = k.type === 'PLAIN' ? resolvePlainKey(text) : text;
        const p = `${ptr}/${pointerSegment(key)}`;
        if (seen.has(key)) {
          // a duplicate key: the last value wins, so what was below the first one is gone
          for (const q of [...out.keys()]) if (q.startsWith(`${p}/`)) out.delete(q);
        }
        seen.add(key);
        out.set(p, k.range![0]);
        walk(pair.value, p);
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => {
        const p = `${ptr}/${i}`;
        if (isPair(item)) {
          if (isScalar(item.key) && item.key.range) out.set(p, item.key.range[0]);
          return;
        }
        const r = (item as Node | null)?.range;
        if (r) out.set(p, r[0]);
        walk(item, p);
      });
    }
  };
  walk(root, '');
  return out;
}

/** Compare one file; append to `result`. */
export function diffText(file: string, text: string, result: DiffResult): void {
  result.files++;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const ours = parseYamlStream(text);
  const lc = new LineCounter();
  const parsed = parseAllDocuments(src, { version: '1.1', uniqueKeys: false, lineCounter: lc, prettyErrors: false });
  const docs = Array.isArray(parsed) ? parsed : [];
  const miss = (document: number, kind: Mismatch['kind'], detail: string): void => {
    result.mismatches.push({ file, document, kind, detail });
  };
  if (docs.length !== ours.length) {
    miss(-1, 'document-count', `ours ${ours.length}, yaml ${docs.length}`);
    return;
  }
  docs.forEach((y, i) => {
    const o = ours[i]!;
    result.documents++;
    const yErr = y.errors[0];
    if (!!yErr !== !!o.error) {
      miss(i, 'error', yErr ? `yaml: ${yErr.message.split('\n')[0]}; ours: no error` : `ours: ${o.error!.message}; yaml: no error`);
      return;
    }
    if (yErr) return;
    const w = walkYamlDocument(y, 0, 100_000, 1_000);
    if (w.error || o.error) {
      if (!!w.error !== !!o.error) miss(i, 'error', `walker: ${w.error?.message}; ours: ${o.error?.message}`);
      return;
    }
    if (!isDeepStrictEqual(o.value, w.value)) {
      miss(i, 'value', compareToJs(o.value, w.value, '', {}) ?? 'differs (types or prototypes)');
      return;
    }
    let js: unknown;
    try {
      js = y.toJS({ maxAliasCount: -1 });
    } catch (e) {
      js = e;
    }
    if (!(js instanceof Error)) {
      const d = compareToJs(o.value, o.value === undefined && js === null ? undefined : js, '', result.accepted);
      if (d) miss(i, 'toJS', d);
    }
    if (o.value === undefined) return;
    const expected = expectedOffsets(y.contents);
    const root = (y.contents as Node | null)?.range;
    if (root) expected.set('', root[0]);
    for (const [ptr, off] of expected) {
      result.pointers++;
      const e = lc.linePos(off);
      const g = o.positions.locate(ptr);
      if (e.line !== g.line || e.col !== g.column) {
        miss(i, 'position', `${ptr || '(root)'}: ours ${g.line}:${g.column}, yaml ${e.line}:${e.col}`);
        return;
      }
    }
  });
}
