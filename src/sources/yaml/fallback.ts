// The slow path: documents outside the fast subset (anchors, aliases, tags, complex keys, errors, ...)
// are read by the `yaml` library, and its AST is walked here with the same scalar resolver and the same
// position shadows as the fast path, so both paths give identical values and positions.
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { estimateDepth } from './depth-estimate.js';
import type { OffsetWarning } from './fast-state.js';
import { keyString, resolvePlain, resolvePlainKey, resolveTagged } from './scalar-resolve.js';
import { MAP, NO_SHADOW, SEQ, type Kid, type Shadow } from './shadow.js';

export interface SlowDocument {
  value: unknown;
  kid: Kid;
  rootOffset: number;
  error?: { message: string; offset: number };
  warnings: OffsetWarning[];
}

class WalkError {
  constructor(readonly message: string, readonly offset: number) {}
}

interface Built {
  value: unknown;
  kid: Kid;
}

class Walker {
  kid: Kid = NO_SHADOW;
  warnings: OffsetWarning[] = [];
  private anchors = new Map<string, Node>();
  private built = new Map<Node, Built>();
  private inProgress = new Set<Node>();
  private aliasNodes = 0;

  constructor(
    private readonly base: number,
    private readonly maxAliasNodes: number,
    private readonly maxDepth: number,
  ) {}

  private offset(n: unknown, fallback: number): number {
    const range = (n as Node | null)?.range;
    return range ? this.base + range[0] : fallback;
  }

  node(n: unknown, depth: number, at: number): unknown {
    if (depth >= this.maxDepth && (isMap(n) || isSeq(n))) throw new WalkError(`nesting deeper than ${this.maxDepth} levels`, this.offset(n, at));
    if (isAlias(n)) return this.alias(n, depth);
    const anchor = (n as Node | null)?.anchor;
    if (anchor) {
      this.anchors.set(anchor, n as Node);
      this.inProgress.add(n as Node);
    }
    let value: unknown = null;
    this.kid = NO_SHADOW;
    if (isScalar(n)) value = this.scalar(n);
    else if (isMap(n)) value = this.map(n, depth);
    else if (isSeq(n)) value = this.seq(n, depth);
    if (anchor) {
      this.inProgress.delete(n as Node);
      this.built.set(n as Node, { value, kid: this.kid });
    }
    return value;
  }

  private scalar(n: Scalar): unknown {
    const text = typeof n.source === 'string' ? n.source : n.value == null ? '' : String(n.value);
    const plain = n.type === 'PLAIN' || n.type === undefined;
    if (n.tag) {
      const r = resolveTagged(n.tag, text, plain);
      if (!r.ok) this.warnings.push({ code: 'tag-mismatch', message: `value "${text}" does not fit its tag ${n.tag}; read as a string`, offset: this.offset(n, this.base) });
      return r.value;
    }
    return plain ? resolvePlain(text) : text;
  }

  private key(k: unknown, depth: number, at: number): string {
    if (k == null) return 'null';
    if (isScalar(k) && !k.tag && (k.type === 'PLAIN' || k.type === undefined)) {
      return resolvePlainKey(typeof k.source === 'string' ? k.source : String(k.value ?? ''));
    }
    const kid = this.kid;
    const key = keyString(this.node(k, depth + 1, at));
    this.kid = kid;
    return key;
  }

  private isMergeKey(k: unknown): boolean {
    if (!isScalar(k) || (k.type !== 'PLAIN' && k.type !== undefined)) return false;
    if (k.tag && k.tag !== 'tag:yaml.org,2002:merge') return false;
    return k.source === '<<' || k.value === '<<' || typeof k.value === 'symbol';
  }

  private map(n: YAMLMap, depth: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const shadow: Shadow = [MAP];
    const start = this.offset(n, this.base);
    const merges: Node[] = [];
    for (const pair of n.items as Pair[]) {
      if (this.isMergeKey(pair.key)) {
        merges.push(pair.value as Node);
        continue;
      }
      const keyOffset = this.offset(pair.key, this.offset(pair.value, start));
      const key = this.key(pair.key, depth, keyOffset);
      const value = pair.value == null ? null : this.node(pair.value, depth + 1, keyOffset);
      const kid = pair.value == null ? NO_SHADOW : this.kid;
      this.set(obj, shadow, key, value, keyOffset, kid);
    }
    for (const m of merges) this.merge(obj, shadow, m, depth, start);
    this.kid = shadow;
    return obj;
  }

  private set(obj: Record<string, unknown>, shadow: Shadow, key: string, value: unknown, offset: number, kid: Kid): void {
    if (obj[key] !== undefined && Object.hasOwn(obj, key)) {
      this.warnings.push({ code: 'duplicate-key', message: `duplicate key "${key}": the last value is used`, offset });
    }
    if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    else obj[key] = value;
    shadow.push(key, offset, kid);
  }

  /** `<<: *a` / `<<: [*a, *b]` / `<<: {..}`: copy keys that are not set yet (explicit keys and earlier sources win). */
  private merge(obj: Record<string, unknown>, shadow: Shadow, source: Node, depth: number, at: number): void {
    const sources = isSeq(source) ? (source.items as Node[]) : [source];
    for (const s of sources) {
      const fromAlias = isAlias(s);
      const built: Built = fromAlias ? this.target(s) : { value: this.node(s, depth + 1, at), kid: this.kid };
      const value = built.value;
      const kid = built.kid;
      if (value === null || typeof value !== 'object' || Array.isArray(value) || !Array.isArray(kid) || kid[0] !== MAP) {
        throw new WalkError('a merge key (<<) needs a mapping or a list of mappings', this.offset(s, at));
      }
      const from = value as Record<string, unknown>;
      for (let i = 1; i < kid.length; i += 3) {
        const key = kid[i] as string;
        if (Object.hasOwn(obj, key)) continue;
        const v = fromAlias ? this.clone(from[key], depth + 1, this.offset(s, at)) : from[key];
        if (key === '__proto__') Object.defineProperty(obj, key, { value: v, writable: true, enumerable: true, configurable: true });
        else obj[key] = v;
        shadow.push(key, kid[i + 1], kid[i + 2]);
      }
    }
  }

  private seq(n: YAMLSeq, depth: number): unknown[] {
    const arr: unknown[] = [];
    const shadow: Shadow = [SEQ];
    const start = this.offset(n, this.base);
    for (const item of n.items) {
      if (isPair(item)) {
        // `[a: 1]`: a single-pair mapping inside a flow sequence
        const keyOffset = this.offset(item.key, start);
        const inner: Shadow = [MAP];
        const obj: Record<string, unknown> = {};
        const key = this.key(item.key, depth + 1, keyOffset);
        const value = item.value == null ? null : this.node(item.value, depth + 2, keyOffset);
        this.set(obj, inner, key, value, keyOffset, item.value == null ? NO_SHADOW : this.kid);
        arr.push(obj);
        shadow.push(keyOffset, inner);
        continue;
      }
      const offset = this.offset(item, start);
      arr.push(this.node(item, depth + 1, offset));
      shadow.push(offset, this.kid);
    }
    this.kid = shadow;
    return arr;
  }

  private target(a: Alias): Built {
    const at = this.offset(a, this.base);
    const target = this.anchors.get(a.source);
    if (!target) throw new WalkError(`unknown alias *${a.source}`, at);
    if (this.inProgress.has(target)) throw new WalkError(`alias *${a.source} refers to a node that contains it`, at);
    return this.built.get(target)!;
  }

  private alias(a: Alias, depth: number): unknown {
    const built = this.target(a);
    const value = this.clone(built.value, depth, this.offset(a, this.base));
    this.kid = built.kid;
    return value;
  }

  /** Copy a value materialised through an alias, counting nodes against the alias-bomb limit. */
  private clone(v: unknown, depth: number, at: number): unknown {
    if (++this.aliasNodes > this.maxAliasNodes) {
      throw new WalkError(`YAML alias expansion exceeds ${this.maxAliasNodes} nodes (possible alias bomb)`, at);
    }
    if (v === null || typeof v !== 'object') return v;
    if (depth >= this.maxDepth) throw new WalkError(`nesting deeper than ${this.maxDepth} levels`, at);
    if (Array.isArray(v)) return v.map((x) => this.clone(x, depth + 1, at));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      const c = this.clone((v as Record<string, unknown>)[key], depth + 1, at);
      if (key === '__proto__') Object.defineProperty(out, key, { value: c, writable: true, enumerable: true, configurable: true });
      else out[key] = c;
    }
    return out;
  }
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl === -1 ? message : message.slice(0, nl);
}

/**
 * Build the value and position shadows of one `yaml`-library document whose source starts at offset
 * `base` of the stream (errors are not looked at here).
 */
export function walkYamlDocument(doc: Document.Parsed, base: number, maxAliasNodes: number, maxDepth: number): SlowDocument {
  const contents = doc.contents as Node | null | undefined;
  const empty = (): SlowDocument => ({ value: undefined, kid: NO_SHADOW, rootOffset: base, warnings: [] });
  if (contents == null) return empty();
  if (isScalar(contents) && contents.source === '' && !contents.tag && !contents.anchor && (contents.type === 'PLAIN' || contents.type === undefined)) {
    return empty();
  }
  const rootOffset = contents.range ? base + contents.range[0] : base;
  const walker = new Walker(base, maxAliasNodes, maxDepth);
  try {
    const value = walker.node(contents, 0, rootOffset);
    return { value, kid: walker.kid, rootOffset, warnings: walker.warnings };
  } catch (e) {
    if (e instanceof WalkError) return { value: undefined, kid: NO_SHADOW, rootOffset, error: { message: e.message, offset: e.offset }, warnings: [] };
    throw e;
  }
}

/** Read text[start, end) (one document) with the `yaml` library. Offsets in the result are into `text`. */
export function parseWithYamlLibrary(text: string, start: number, end: number, maxAliasNodes: number, maxDepth: number): SlowDocument {
  const slice = text.slice(start, end);
  const fail = (message: string, offset: number): SlowDocument => ({ value: undefined, kid: NO_SHADOW, rootOffset: start, error: { message, offset }, warnings: [] });
  if (estimateDepth(slice, maxDepth) > maxDepth) return fail(`nesting deeper than ${maxDepth} levels`, start);
  try {
    const docs = parseAllDocuments(slice, { version: '1.1', uniqueKeys: false, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list) {
      const err = d.errors[0];
      if (err) return fail(firstLine(err.message), start + (err.pos?.[0] ?? 0));
    }
    const doc = list[0];
    if (!doc) return { value: undefined, kid: NO_SHADOW, rootOffset: start, warnings: [] };
    return walkYamlDocument(doc, start, maxAliasNodes, maxDepth);
  } catch (e) {
    return fail(`cannot read YAML: ${firstLine(String((e as Error)?.message ?? e))}`, start);
  }
}
