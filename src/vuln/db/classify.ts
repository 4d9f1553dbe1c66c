/** Which advisory format a parsed document is, and its advisories. Pure: one document in, one verdict out. */
import type { Advisory } from '../advisory.js';
import { looksLikeAlpineSecdb, parseAlpineSecdb } from './alpine-secdb.js';
import { looksLikeDebianPackageIndex, looksLikeDebianTracker, parseDebianDistributions, parseDebianTracker } from './debian-tracker.js';
import { looksLikeOsv, parseOsv } from './osv.js';

export type SourceKind = 'osv' | 'alpine-secdb' | 'debian-tracker';

export type Verdict =
  | { kind: SourceKind; advisories: Advisory[]; warnings: string[] }
  | { kind: 'debian-releases'; releases: Record<string, string> }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; error: string };

export function classify(doc: unknown): Verdict {
  if (looksLikeAlpineSecdb(doc)) {
    const r = parseAlpineSecdb(doc);
    return 'error' in r ? { kind: 'error', error: r.error } : { kind: 'alpine-secdb', ...r };
  }
  if (looksLikeDebianTracker(doc)) {
    const r = parseDebianTracker(doc);
    return 'error' in r ? { kind: 'error', error: r.error } : { kind: 'debian-tracker', advisories: [r.advisory], warnings: [] };
  }
  if (looksLikeDebianPackageIndex(doc)) return { kind: 'skip', reason: 'Debian package index, not advisories' };
  const releases = parseDebianDistributions(doc);
  if (releases) return { kind: 'debian-releases', releases };
  // A list of OSV documents (OSV API `{vulns: [...]}` or a bare array).
  const list = Array.isArray(doc) ? doc : typeof doc === 'object' && doc !== null && Array.isArray((doc as { vulns?: unknown }).vulns) ? (doc as { vulns: unknown[] }).vulns : undefined;
  if (looksLikeOsv(doc) || (list && list.length > 0 && list.every(looksLikeOsv))) {
    const advisories: Advisory[] = [];
    const warnings: string[] = [];
    for (const d of list ?? [doc]) {
      const r = parseOsv(d);
      if ('error' in r) {
        if (!list) return { kind: 'error', error: r.error };
        warnings.push(r.error);
      } else advisories.push(r.advisory);
    }
    return { kind: 'osv', advisories, warnings };
  }
  if (typeof doc === 'object' && doc !== null && 'id' in doc) {
    const r = parseOsv(doc);
    if ('error' in r) return { kind: 'error', error: r.error };
  }
  return { kind: 'error', error: 'not a recognised advisory format (OSV, Alpine secdb, Debian security tracker JSON)' };
}
