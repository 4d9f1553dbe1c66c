import { redact, redactExcerpt, redactValue } from '../model/redact.js';
import type { Finding } from '../model/finding.js';
import { displayName } from '../model/object.js';
import type { SuppressedFinding } from '../model/suppressed.js';
import type { CheckResolver } from './check-resolver.js';
import type { LookupObject } from './exception-types.js';

export const IGNORE_ANNOTATION = 'kubeward.io/ignore';

export type IgnoreAnnotation = { all: boolean; names: string[]; reason?: string } | { error: string };

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.\-]*$/;

/**
 * Read `kubeward.io/ignore: "<id>,<id>: reason"`: comma-separated check ids or aliases (or `*` for
 * every check), optionally followed by `: reason`, which applies to all of them. Whitespace around
 * ids, commas and the colon is ignored. Anything else is an error, and the annotation is then not
 * applied at all (a half-read annotation must not suppress the wrong thing).
 */
export function parseIgnoreAnnotation(value: string): IgnoreAnnotation {
  const colon = value.indexOf(':');
  const idsPart = colon < 0 ? value : value.slice(0, colon);
  const reason = colon < 0 ? '' : value.slice(colon + 1).trim();
  const items = idsPart.split(',').map((s) => s.trim());
  const names = items.filter((s) => s !== '');
  if (names.length === 0) return { error: 'names no check (expected "<check-id>,<check-id>: reason")' };
  if (names.length !== items.length) return { error: 'has an empty check id between commas' };
  const bad = names.find((n) => n !== '*' && !NAME.test(n));
  if (bad !== undefined) return { error: `${JSON.stringify(bad)} is not a check id (expected "<check-id>,<check-id>: reason")` };
  const out: { all: boolean; names: string[]; reason?: string } = { all: names.includes('*'), names: names.filter((n) => n !== '*') };
  if (reason !== '') out.reason = reason;
  return out;
}

interface ResolvedAnnotation {
  all: boolean;
  ids: Set<string>;
  reason: string;
}

/**
 * Set aside findings whose object carries a `kubeward.io/ignore` annotation naming their check.
 * Only the object's own metadata.annotations count: pod-template annotations belong to the pods.
 * Malformed annotations and unknown check names give one warning per object, never an error.
 */
export function applyAnnotationExceptions(
  findings: readonly Finding[],
  lookupObject: LookupObject,
  resolver: CheckResolver,
): { kept: Finding[]; suppressed: SuppressedFinding[]; warnings: string[] } {
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const warnings = new Set<string>();
  const cache = new Map<string, ResolvedAnnotation | undefined>();

  const resolve = (value: string, where: string): ResolvedAnnotation | undefined => {
    const key = `${where}\u0000${value}`;
    if (cache.has(key)) return cache.get(key);
    const parsed = parseIgnoreAnnotation(value);
    let out: ResolvedAnnotation | undefined;
    if ('error' in parsed) {
      warnings.add(redact(`${where}: annotation ${IGNORE_ANNOTATION}=${JSON.stringify(redactValue(value, IGNORE_ANNOTATION))} is not applied: ${parsed.error}`));
    } else {
      out = { all: parsed.all, ids: new Set(), reason: parsed.reason !== undefined ? redactValue(parsed.reason, IGNORE_ANNOTATION) : `no reason given (annotation ${IGNORE_ANNOTATION})` };
      for (const name of parsed.names) {
        const ids = resolver.resolve(name);
        if (ids) for (const id of ids) out.ids.add(id.toLowerCase());
        else {
          out.ids.add(name.toLowerCase());
          if (resolver.knowsChecks) warnings.add(`${where}: annotation ${IGNORE_ANNOTATION} names unknown check ${JSON.stringify(redactExcerpt(name))}`);
        }
      }
    }
    cache.set(key, out);
    return out;
  };

  for (const f of findings) {
    const meta = f.object ? lookupObject(f.object, f.location) : undefined;
    const value = meta?.annotations?.[IGNORE_ANNOTATION];
    const rule = f.object && typeof value === 'string' ? resolve(value, displayName(f.object)) : undefined;
    if (rule && (rule.all || rule.ids.has(f.checkId.toLowerCase()))) suppressed.push({ finding: f, by: 'annotation', reason: rule.reason });
    else kept.push(f);
  }
  return { kept, suppressed, warnings: [...warnings] };
}
