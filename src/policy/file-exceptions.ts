import type { Finding, ObjectRef } from '../model/finding.js';
import { effectiveNamespace } from '../model/kinds.js';
import type { SuppressedFinding } from '../model/suppressed.js';
import type { CheckResolver } from './check-resolver.js';
import { describeException, type LookupObject, type ObjectMeta, type PolicyException } from './exception-types.js';
import { nameGlob, pathGlob, type Glob } from './glob.js';

interface Compiled {
  e: PolicyException;
  kind?: Glob;
  namespace?: Glob;
  name?: Glob;
  labels?: [string, string][];
  file?: Glob;
  used: boolean;
}

/** Exceptions of one check key: those with an exact object name by name, the rest in a list. */
interface Bucket {
  byName: Map<string, Compiled[]>;
  other: Compiled[];
}

const ALL = '*';

/** "2026-01-31" for the UTC day of `now`. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(e: PolicyException, now: Date): boolean {
  return e.expires !== undefined && e.expires < utcDay(now);
}

function compile(e: PolicyException): Compiled {
  const c: Compiled = { e, used: false };
  const o = e.object;
  if (o?.kind !== undefined) c.kind = nameGlob(o.kind, true);
  if (o?.namespace !== undefined) c.namespace = nameGlob(o.namespace);
  if (o?.name !== undefined) c.name = nameGlob(o.name);
  if (o?.labels !== undefined) c.labels = Object.entries(o.labels);
  if (e.file !== undefined) c.file = pathGlob(e.file);
  return c;
}

/** The object metadata of the finding being matched, looked up at most once and only if needed. */
class LazyMeta {
  private finding: Finding | undefined;
  private loaded = false;
  private value: ObjectMeta | undefined;
  constructor(private readonly lookupObject: LookupObject) {}

  reset(f: Finding): void {
    this.finding = f;
    this.loaded = false;
    this.value = undefined;
  }

  get(): ObjectMeta | undefined {
    if (!this.loaded) {
      const f = this.finding;
      this.value = f?.object ? this.lookupObject(f.object, f.location) : undefined;
      this.loaded = true;
    }
    return this.value;
  }
}

function matches(c: Compiled, f: Finding, meta: LazyMeta): boolean {
  const ref: ObjectRef | undefined = f.object;
  if (!ref) {
    // Findings without an object (load problems) can only be excepted by file.
    return c.file !== undefined && c.e.object === undefined && c.file.test(f.location.file);
  }
  if (c.kind && !c.kind.test(ref.kind)) return false;
  if (c.name && !c.name.test(ref.name)) return false;
  if (c.namespace) {
    const ns = effectiveNamespace(ref);
    if (ns === undefined || !c.namespace.test(ns)) return false;
  }
  if (c.file && !c.file.test(f.location.file)) return false;
  if (c.labels) {
    const labels = meta.get()?.labels;
    if (!labels) return false;
    for (const [k, v] of c.labels) if (labels[k] !== v) return false;
  }
  return true;
}

/** The best (lowest-numbered) match in `list` or `best`; marks every match used. */
function scan(list: readonly Compiled[], f: Finding, meta: LazyMeta, best: Compiled | undefined): Compiled | undefined {
  for (const c of list) {
    if (!matches(c, f, meta)) continue;
    c.used = true;
    if (!best || c.e.number < best.e.number) best = c;
  }
  return best;
}

/** The first exception (by number) in the buckets that covers the finding; marks every match used. */
function firstMatch(buckets: readonly Bucket[], f: Finding, meta: LazyMeta): PolicyException | undefined {
  let best: Compiled | undefined;
  meta.reset(f);
  for (const b of buckets) {
    const named = f.object ? b.byName.get(f.object.name) : undefined;
    if (named) best = scan(named, f, meta, best);
    best = scan(b.other, f, meta, best);
  }
  return best?.e;
}

/**
 * Set aside findings covered by an exceptions file. Linear in findings: exceptions are indexed
 * by check id and exact object name, so each finding is tested only against exceptions that could
 * cover it. When several match, the first in the file is recorded. Expired exceptions are never
 * applied and are warned about; exceptions that match nothing are warned about so stale entries
 * get cleaned up (unless none of their checks ran, when `ran` is given).
 */
export function applyFileExceptions(
  findings: readonly Finding[],
  exceptions: readonly PolicyException[],
  lookupObject: LookupObject,
  now: Date,
  resolver: CheckResolver,
  ran?: ReadonlySet<string>,
): { kept: Finding[]; suppressed: SuppressedFinding[]; warnings: string[] } {
  const warnings: string[] = [];
  const index = new Map<string, Bucket>();
  const active: { c: Compiled; keys: string[] }[] = [];
  for (const e of exceptions) {
    if (isExpired(e, now)) {
      warnings.push(`${describeException(e)} expired on ${e.expires} and no longer applies`);
      continue;
    }
    const c = compile(e);
    const keys: string[] = [];
    if (e.checks === ALL) keys.push(ALL);
    else {
      for (const name of e.checks) {
        const ids = resolver.resolve(name);
        if (ids) keys.push(...ids.map((id) => id.toLowerCase()));
        else {
          keys.push(name.toLowerCase());
          if (resolver.knowsChecks) warnings.push(`${describeException(e)} names unknown check ${JSON.stringify(name)}`);
        }
      }
    }
    for (const key of new Set(keys)) {
      let b = index.get(key);
      if (!b) index.set(key, (b = { byName: new Map(), other: [] }));
      if (c.name?.literal) {
        const list = b.byName.get(c.name.pattern);
        if (list) list.push(c);
        else b.byName.set(c.name.pattern, [c]);
      } else b.other.push(c);
    }
    active.push({ c, keys });
  }

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const star = index.get(ALL);
  // Findings carry few distinct check ids: resolve each id to its buckets once.
  const bucketsOf = new Map<string, Bucket[]>();
  const meta = new LazyMeta(lookupObject);
  for (const f of findings) {
    let buckets = bucketsOf.get(f.checkId);
    if (!buckets) {
      const own = index.get(f.checkId.toLowerCase());
      buckets = [own, star].filter((b): b is Bucket => b !== undefined);
      bucketsOf.set(f.checkId, buckets);
    }
    const best = buckets.length === 0 ? undefined : firstMatch(buckets, f, meta);
    if (!best) {
      kept.push(f);
      continue;
    }
    const s: SuppressedFinding = { finding: f, by: 'exceptions-file', reason: best.reason, owner: best.owner };
    if (best.expires) s.expires = best.expires;
    suppressed.push(s);
  }

  for (const { c, keys } of active) {
    if (c.used) continue;
    if (ran && !keys.some((k) => k === ALL || ran.has(k))) continue;
    warnings.push(`exception #${c.e.number} matched no finding (owner ${c.e.owner}: ${JSON.stringify(c.e.reason)}); remove it or fix its selector`);
  }
  return { kept, suppressed, warnings };
}
