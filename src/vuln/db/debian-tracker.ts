/**
 * Debian security tracker records in the vuln-list-debian JSON form (`tracker/CVE/*.json`, `DSA/`, `DLA/`:
 * `{Header: {ID}, Annotations: [{Type: "package", Release?, Package, Kind, Version?}, {Type: "xref", Bugs}]}`)
 * → advisories keyed by SOURCE package. A line without `[release]` describes unstable and, as in the tracker,
 * every release that has no line of its own (`Debian:*`); a `[release]` line overrides it for that release.
 * Kinds: fixed (with the version), not-affected; unfixed, no-dsa, ignored, postponed, end-of-life,
 * undetermined = still vulnerable with no fix; removed and itp lines say nothing about installed packages.
 * `distributions.json` maps codenames to major versions. Pure.
 */
import type { Advisory, AffectedEntry } from '../advisory.js';
import { severityFromText, SEVERITY_RANK } from '../severity.js';
import type { VulnSeverity } from '../types.js';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function looksLikeDebianTracker(doc: unknown): boolean {
  return isObj(doc) && isObj(doc.Header) && Array.isArray(doc.Annotations);
}

/** `distributions.json`: `{codename: {"major-version": "12", ...}}`. */
export function parseDebianDistributions(doc: unknown): Record<string, string> | undefined {
  if (!isObj(doc)) return undefined;
  const out: Record<string, string> = {};
  for (const [code, v] of Object.entries(doc)) {
    if (!isObj(v) || !('major-version' in v)) return undefined;
    if (typeof v['major-version'] === 'string' && v['major-version'] !== '') out[code] = v['major-version'];
  }
  return Object.keys(out).length ? out : undefined;
}

/** A per-release source package index (`source/<release>/main/x/name.json`): package metadata, not advisories. */
export function looksLikeDebianPackageIndex(doc: unknown): boolean {
  return isObj(doc) && Array.isArray(doc.Package) && Array.isArray(doc.Version);
}

const OPEN = new Set(['unfixed', 'no-dsa', 'ignored', 'postponed', 'end-of-life', 'undetermined']);

export function parseDebianTracker(doc: unknown): { advisory: Advisory } | { error: string } {
  if (!looksLikeDebianTracker(doc)) return { error: 'not a Debian tracker record (needs Header and Annotations)' };
  const d = doc as { Header: Record<string, unknown>; Annotations: unknown[] };
  const id = d.Header.ID;
  if (typeof id !== 'string' || id === '') return { error: 'Debian tracker record: Header.ID must be a non-empty string' };
  const aliases = new Set<string>();
  const affected: AffectedEntry[] = [];
  let severity: VulnSeverity = 'unknown';
  for (const a of d.Annotations) {
    if (!isObj(a)) continue;
    if (a.Type === 'xref' && Array.isArray(a.Bugs)) for (const b of a.Bugs) if (typeof b === 'string') aliases.add(b);
    if (a.Type !== 'package' || typeof a.Package !== 'string' || typeof a.Kind !== 'string') continue;
    const s = severityFromText(a.Severity);
    if (SEVERITY_RANK[s] > SEVERITY_RANK[severity]) severity = s;
    const ecosystem = `Debian:${typeof a.Release === 'string' && a.Release !== '' ? a.Release : '*'}`;
    const base = { ecosystem, name: a.Package, versions: [] as string[] };
    if (a.Kind === 'fixed' && typeof a.Version === 'string' && a.Version !== '') {
      affected.push({ ...base, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: a.Version }] }] });
    } else if (a.Kind === 'not-affected') {
      affected.push({ ...base, ranges: [], status: 'not-affected' });
    } else if (OPEN.has(a.Kind)) {
      affected.push({ ...base, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], note: a.Kind });
    }
  }
  aliases.delete(id);
  const desc = typeof d.Header.Description === 'string' ? d.Header.Description.replace(/^\(|\)$/g, '').trim() : '';
  return {
    advisory: {
      source: 'debian-tracker',
      id,
      aliases: [...aliases],
      ...(desc ? { summary: desc } : {}),
      severity,
      url: `https://security-tracker.debian.org/tracker/${id}`,
      affected,
    },
  };
}
