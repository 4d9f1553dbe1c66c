/**
 * Packages × advisory database → vulnerability matches. Pure: the store is an index lookup by
 * (ecosystem, name), never a scan. Per package: look up its ecosystems (release-specific first), drop a
 * Debian `Debian:*` line where the same advisory has a line for the release, evaluate OSV ranges, then merge
 * matches that name the same vulnerability (by id and aliases), preferring the distribution's own word.
 */
import type { AdvisoryStore, AffectedHit } from './advisory.js';
import { targetFor, type Target } from './ecosystem.js';
import { entryAffects } from './range.js';
import { SEVERITY_RANK } from './severity.js';
import type { Distro, Package, VulnMatch } from './types.js';

export interface MatchResult {
  matches: VulnMatch[];
  /** Packages that could not be matched at all, with the reason (no distro release, unknown type, ...). */
  skipped: Array<{ package: Package; reason: string }>;
}

export interface MatchOptions {
  /** Debian codename → major version, beyond the built-in list (from the tracker's distributions.json). */
  debianReleases?: Record<string, string>;
}

function sourceOf(hit: AffectedHit, target: Target): string {
  const s = hit.advisory.source;
  if (s === 'osv') return `osv:${hit.affected.ecosystem}`;
  if (s === 'debian-tracker') return `debian-tracker:${target.release ?? hit.affected.ecosystem.slice(7)}`;
  return s;
}

const isDistroSource = (source: string) => !source.startsWith('osv:');

function lookupAll(store: AdvisoryStore, t: Target): AffectedHit[] {
  const hits = t.ecosystems.flatMap((e) => store.lookup(e, t.name));
  if (!t.ecosystems.includes('Debian:*')) return hits;
  const specific = new Set(hits.filter((h) => h.affected.ecosystem !== 'Debian:*').map((h) => `${h.advisory.source}\u0000${h.advisory.id}`));
  return hits.filter((h) => h.affected.ecosystem !== 'Debian:*' || !specific.has(`${h.advisory.source}\u0000${h.advisory.id}`));
}

/** Merge matches of one package that share an id or alias (union-find over the names). */
export function dedupeByAlias(matches: VulnMatch[]): VulnMatch[] {
  const groups: VulnMatch[][] = [];
  const groupOf = new Map<string, number>();
  for (const m of matches) {
    const names = [m.id, ...m.aliases];
    const found = [...new Set(names.map((n) => groupOf.get(n)).filter((g): g is number => g !== undefined))];
    let g: number;
    if (found.length === 0) {
      g = groups.length;
      groups.push([]);
    } else {
      g = found[0]!;
      for (const other of found.slice(1)) {
        for (const x of groups[other]!) groups[g]!.push(x);
        for (const x of groups[other]!) for (const n of [x.id, ...x.aliases]) groupOf.set(n, g);
        groups[other] = [];
      }
    }
    groups[g]!.push(m);
    for (const n of names) groupOf.set(n, g);
  }
  const out: VulnMatch[] = [];
  for (const group of groups) {
    if (group.length === 0) continue;
    // The distribution's own advisory first, then one with a CVE id, then the first seen.
    const rank = (m: VulnMatch) => (isDistroSource(m.source) ? 0 : 2) + (m.id.startsWith('CVE-') ? 0 : 1);
    const sorted = [...group].sort((a, b) => rank(a) - rank(b));
    const primary = { ...sorted[0]! };
    const aliases = new Set<string>();
    for (const m of sorted) {
      for (const n of [m.id, ...m.aliases]) aliases.add(n);
      if (SEVERITY_RANK[m.severity] > SEVERITY_RANK[primary.severity]) primary.severity = m.severity;
      if (primary.fixedIn === undefined && m.fixedIn !== undefined) primary.fixedIn = m.fixedIn;
      primary.summary ??= m.summary;
      primary.url ??= m.url;
    }
    aliases.delete(primary.id);
    primary.aliases = [...aliases].sort();
    out.push(primary);
  }
  return out;
}

export function matchReport(store: AdvisoryStore, packages: Package[], distro?: Distro, opts: MatchOptions = {}): MatchResult {
  const matches: VulnMatch[] = [];
  const skipped: MatchResult['skipped'] = [];
  for (const pkg of packages) {
    const t = targetFor(pkg, distro, opts.debianReleases);
    if ('skip' in t) {
      skipped.push({ package: pkg, reason: t.skip });
      continue;
    }
    const found: VulnMatch[] = [];
    // A Debian DSA/DLA that fixed this package in this release settles the CVEs it names, even where the
    // CVE's own record still says <no-dsa> or <postponed> for the release.
    const settled = new Set<string>();
    const hits = lookupAll(store, t);
    for (const hit of hits) {
      if (hit.advisory.source !== 'debian-tracker' || !/^D[SL]A-/.test(hit.advisory.id) || hit.affected.ecosystem === 'Debian:*') continue;
      const fixedRange = hit.affected.ranges.some((r) => r.events.some((e) => 'fixed' in e));
      if (fixedRange && !entryAffects(hit.affected, t.version, t.scheme).affected) for (const id of hit.advisory.aliases) settled.add(id);
    }
    for (const hit of hits) {
      const r = entryAffects(hit.affected, t.version, t.scheme);
      if (!r.affected) continue;
      const a = hit.advisory;
      if (r.fixedIn === undefined && settled.has(a.id)) continue;
      if (r.fixedIn !== undefined && t.scheme === 'go' && !/^v|^go/.test(r.fixedIn) && t.name !== 'stdlib' && t.name !== 'toolchain') r.fixedIn = `v${r.fixedIn}`;
      found.push({
        id: a.id,
        aliases: [...a.aliases],
        package: pkg,
        severity: a.severity,
        ...(r.fixedIn !== undefined ? { fixedIn: r.fixedIn } : {}),
        ...(a.summary !== undefined ? { summary: a.summary } : {}),
        source: sourceOf(hit, t),
        ...(a.url !== undefined ? { url: a.url } : {}),
      });
    }
    const merged = dedupeByAlias(found);
    // A distribution feed states no severity: take the worst any record of the same vulnerability states.
    if (store.severityOf)
      for (const m of merged) {
        if (m.severity !== 'unknown') continue;
        const s = store.severityOf([m.id, ...m.aliases]);
        if (s) m.severity = s.severity;
      }
    merged.sort((x, y) => SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    matches.push(...merged);
  }
  return { matches, skipped };
}

/** The contract entry point: every vulnerability match of `packages` on `distro`. */
export function matchPackages(store: AdvisoryStore, packages: Package[], distro?: Distro, opts: MatchOptions = {}): VulnMatch[] {
  return matchReport(store, packages, distro, opts).matches;
}
