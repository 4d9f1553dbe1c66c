/**
 * The normalised advisory model every importer produces and the matcher reads: OSV's shape
 * (https://ossf.github.io/osv-schema/), which Alpine secdb and the Debian tracker are converted into.
 * Pure data: no I/O here.
 */
import type { VulnSeverity } from './types.js';

export type RangeEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface AffectedRange {
  /** SEMVER and ECOSYSTEM are evaluated; GIT (commit hashes) is kept but never matches a package version. */
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  events: RangeEvent[];
}

export interface AffectedEntry {
  /** OSV ecosystem: `npm`, `PyPI`, `Go`, `Maven`, `Alpine:v3.9`, `Debian:11`; the Debian tracker's `Debian:<codename>` or `Debian:*` (every release without its own line). */
  ecosystem: string;
  /** Package name as the ecosystem keys advisories (Alpine origin, Debian source package, `group:artifact` for Maven). */
  name: string;
  ranges: AffectedRange[];
  /** Explicitly listed affected versions. */
  versions: string[];
  /** `not-affected`: this release is stated unaffected, which overrides a `Debian:*` line of the same advisory. */
  status?: 'not-affected';
  /** Why a release stays unfixed (Debian `<no-dsa>`, `<ignored>`, `<postponed>`, ...). */
  note?: string;
}

export interface AdvisoryInfo {
  /** Database kind and part: `osv`, `alpine-secdb:v3.9/main`, `debian-tracker`. With `id`, the advisory's identity in the store. */
  source: string;
  id: string;
  aliases: string[];
  summary?: string;
  severity: VulnSeverity;
  /** CVSS base score when a vector was given. */
  score?: number;
  url?: string;
  modified?: string;
}

export interface Advisory extends AdvisoryInfo {
  affected: AffectedEntry[];
}

export interface AffectedHit {
  advisory: AdvisoryInfo;
  affected: AffectedEntry;
}

/** What the matcher needs from a database: affected entries by (ecosystem, normalised name). Implementations must index on that pair. */
export interface AdvisoryStore {
  lookup(ecosystem: string, name: string): AffectedHit[];
  /**
   * The highest severity any advisory called by one of `names` (as its id or an alias) states, from any
   * source: distribution feeds state none, other records of the same CVE often carry CVSS. Indexed too.
   */
  severityOf?(names: string[]): { severity: VulnSeverity; score?: number } | undefined;
}

/** Names as the ecosystems compare them: PyPI per PEP 503 (case-insensitive, runs of `-_.` equal), the rest as given. */
export function normalizeName(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name;
}

const RANK: Record<VulnSeverity, number> = { unknown: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The worst stated severity (and its score) among advisories; undefined when none states one. */
export function worstSeverity(infos: Array<Pick<AdvisoryInfo, 'severity' | 'score'>>): { severity: VulnSeverity; score?: number } | undefined {
  let best: { severity: VulnSeverity; score?: number } | undefined;
  for (const i of infos) {
    if (i.severity === 'unknown') continue;
    if (!best || RANK[i.severity] > RANK[best.severity] || (RANK[i.severity] === RANK[best.severity] && (i.score ?? 0) > (best.score ?? 0)))
      best = { severity: i.severity, ...(i.score !== undefined ? { score: i.score } : {}) };
  }
  return best;
}

/** An in-memory store (tests, benchmarks, callers that hold advisories already). */
export function memoryStore(advisories: Advisory[]): AdvisoryStore {
  const index = new Map<string, AffectedHit[]>();
  const byName = new Map<string, AdvisoryInfo[]>();
  for (const a of advisories) {
    const { affected, ...info } = a;
    if (info.severity !== 'unknown')
      for (const n of [info.id, ...info.aliases]) {
        let l = byName.get(n);
        if (!l) byName.set(n, (l = []));
        l.push(info);
      }
    for (const e of affected) {
      const k = `${e.ecosystem}\u0000${normalizeName(e.ecosystem, e.name)}`;
      let list = index.get(k);
      if (!list) index.set(k, (list = []));
      list.push({ advisory: info, affected: e });
    }
  }
  return {
    lookup: (eco, name) => index.get(`${eco}\u0000${normalizeName(eco, name)}`) ?? [],
    severityOf: (names) => worstSeverity(names.flatMap((n) => byName.get(n) ?? [])),
  };
}
