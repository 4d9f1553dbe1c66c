import { getPackages, getPackagesNdb, getPackagesSqlite } from '@snyk/rpm-parser';
import { CorruptFileError, type FileAnalyzer, type PackageDraft } from './types.js';

const RPMDB_PATHS = new Set([
  'var/lib/rpm/Packages',
  'var/lib/rpm/rpmdb.sqlite',
  'var/lib/rpm/Packages.db',
  'usr/lib/sysimage/rpm/Packages',
  'usr/lib/sysimage/rpm/rpmdb.sqlite',
  'usr/lib/sysimage/rpm/Packages.db',
]);

/** `foo-1.0-1.src.rpm` → `foo` (the source package that advisories are keyed on). */
export function sourceRpmName(srpm: string | undefined): string | undefined {
  if (!srpm || srpm === '(none)') return undefined;
  const base = srpm.replace(/\.(?:no)?src\.rpm$/, '');
  const parts = base.split('-');
  return parts.length >= 3 ? parts.slice(0, -2).join('-') : undefined;
}

type Format = 'bdb' | 'sqlite' | 'ndb';

export function rpmFormat(path: string, content: Buffer): Format {
  if (content.subarray(0, 16).toString('latin1') === 'SQLite format 3\u0000') return 'sqlite';
  if (path.endsWith('Packages.db')) return 'ndb';
  return 'bdb';
}

/** An rpm database (BerkeleyDB, SQLite or NDB), read with @snyk/rpm-parser. gpg-pubkey entries are keys, not packages. */
export async function parseRpmDb(path: string, content: Buffer): Promise<PackageDraft[]> {
  const format = rpmFormat(path, content);
  const r = format === 'sqlite' ? await getPackagesSqlite(content) : format === 'ndb' ? await getPackagesNdb(content) : await getPackages(content);
  if (r.error && r.response.length === 0) {
    const e = r.error as { message?: string; code?: string };
    throw new CorruptFileError(`not a readable rpm ${format} database${e.code ? ` (${e.code})` : e.message ? ` (${e.message})` : ''}`);
  }
  const out: PackageDraft[] = [];
  for (const p of r.response) {
    if (!p.name || !p.version || p.name === 'gpg-pubkey') continue;
    const vr = p.release ? `${p.version}-${p.release}` : p.version;
    const pkg: PackageDraft = { type: 'rpm', name: p.name, version: p.epoch ? `${p.epoch}:${vr}` : vr };
    const src = sourceRpmName(p.sourceRPM);
    if (src && src !== p.name) pkg.sourceName = src;
    if (p.arch) pkg.arch = p.arch;
    out.push(pkg);
  }
  return out;
}

export const rpmAnalyzer: FileAnalyzer = {
  id: 'rpm',
  version: 1,
  required: (path) => RPMDB_PATHS.has(path),
  analyze: parseRpmDb,
};
