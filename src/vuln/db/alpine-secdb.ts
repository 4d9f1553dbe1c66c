/**
 * Alpine secdb documents (secdb.alpinelinux.org / the alpine-secdb repository: one per release branch and
 * repository, `packages[].pkg.secfixes: {fixedVersion: [ids]}`, keyed by ORIGIN package) → advisories, one per
 * vulnerability id with an entry per package. Pure.
 */
import type { Advisory, AffectedEntry } from '../advisory.js';
import { compareApk } from '../version/apk.js';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function looksLikeAlpineSecdb(doc: unknown): boolean {
  return isObj(doc) && 'distroversion' in doc && 'packages' in doc;
}

/**
 * Upstream ids carry quirks: `CVE 2018-16859`, `CVE_2019-2426`, `CVE-2019-5060 TALOS-2019-0844`,
 * `CVE-2019-19451.patch`, `CVE-2017-17434-1`, `CVE-????-?????  XSA-295`. The first well-formed id is the
 * advisory id, the other well-formed ids its aliases; nothing usable → skipped.
 */
export function cleanIds(raw: string): string[] {
  const ids: string[] = [];
  const re = /\b(CVE)[-_ ](\d{4})-(\d{4,})\b|\b((?:XSA|TALOS|GHSA|wnpa-sec|ZDI-CAN|OSV|DSA|DLA)-[\w-]*\d)\b/gi;
  for (const m of raw.matchAll(re)) ids.push(m[1] ? `CVE-${m[2]}-${m[3]}` : m[4]!);
  return [...new Set(ids)];
}

export function parseAlpineSecdb(doc: unknown): { advisories: Advisory[]; warnings: string[] } | { error: string } {
  if (!isObj(doc)) return { error: 'secdb document must be an object' };
  const release = doc.distroversion;
  if (typeof release !== 'string' || !/^(v\d+\.\d+|edge)$/.test(release)) return { error: `secdb "distroversion" must look like v3.9 (got ${JSON.stringify(release)})` };
  const repo = typeof doc.reponame === 'string' ? doc.reponame : 'main';
  if (doc.packages !== null && doc.packages !== undefined && !Array.isArray(doc.packages)) return { error: 'secdb "packages" must be a list' };
  const source = `alpine-secdb:${release}/${repo}`;
  const ecosystem = `Alpine:${release}`;
  const warnings: string[] = [];
  // id → package → lowest fixed version (an id listed under two fixes of one package is fixed by the first).
  const byId = new Map<string, { aliases: Set<string>; fixes: Map<string, string> }>();
  for (const [i, entry] of ((doc.packages as unknown[]) ?? []).entries()) {
    const pkg = isObj(entry) && isObj(entry.pkg) ? entry.pkg : undefined;
    if (!pkg || typeof pkg.name !== 'string') {
      warnings.push(`packages[${i}]: no pkg.name`);
      continue;
    }
    if (pkg.secfixes === null || pkg.secfixes === undefined) continue;
    if (!isObj(pkg.secfixes)) {
      warnings.push(`${pkg.name}: secfixes is not a map`);
      continue;
    }
    for (const [version, list] of Object.entries(pkg.secfixes)) {
      // "0" means: never affected in this branch.
      if (version === '0') continue;
      const raw = Array.isArray(list) ? list : typeof list === 'string' ? [list] : [];
      for (const r of raw) {
        if (typeof r !== 'string') continue;
        const ids = cleanIds(r);
        if (ids.length === 0) {
          warnings.push(`${pkg.name} ${version}: no usable id in ${JSON.stringify(r)}`);
          continue;
        }
        const [id, ...aliases] = ids as [string, ...string[]];
        let rec = byId.get(id);
        if (!rec) byId.set(id, (rec = { aliases: new Set(), fixes: new Map() }));
        for (const a of aliases) rec.aliases.add(a);
        const prev = rec.fixes.get(pkg.name);
        if (prev === undefined || compareApk(version, prev) < 0) rec.fixes.set(pkg.name, version);
      }
    }
  }
  const advisories: Advisory[] = [];
  for (const [id, rec] of byId) {
    const affected: AffectedEntry[] = [...rec.fixes].map(([name, fixed]) => ({
      ecosystem,
      name,
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      versions: [],
    }));
    advisories.push({ source, id, aliases: [...rec.aliases], severity: 'unknown', affected, ...(id.startsWith('CVE-') ? { url: `https://security.alpinelinux.org/vuln/${id}` } : {}) });
  }
  return { advisories, warnings };
}
