import { existsSync } from 'node:fs';
import type { VulnReport } from '../report/vulns.js';
import { matchReport } from '../vuln/match.js';
import type { Distro, Package } from '../vuln/types.js';
import { openDb } from './advisory-db.js';
import { packageVersion } from './version.js';

export interface PackageInventory {
  target: string;
  packages: Package[];
  distro?: Distro;
  warnings: string[];
}

/** Match an inventory against the advisory database at `dbPath` (which must exist). */
export function vulnReport(inv: PackageInventory, dbPath: string): VulnReport {
  const store = openDb(dbPath, false);
  try {
    const m = matchReport(store, inv.packages, inv.distro, { debianReleases: store.debianReleases() });
    const skippedWhy = new Map<string, number>();
    for (const s of m.skipped) skippedWhy.set(s.reason, (skippedWhy.get(s.reason) ?? 0) + 1);
    const updatedAt = store.info().updatedAt;
    return {
      version: packageVersion(),
      scannedAt: new Date().toISOString(),
      target: inv.target,
      ...(inv.distro ? { distro: inv.distro } : {}),
      packages: inv.packages.length,
      matches: m.matches,
      warnings: [...inv.warnings, ...[...skippedWhy].map(([why, n]) => `${n} package${n === 1 ? '' : 's'} not matched: ${why}`)],
      database: { path: store.path, ...(updatedAt ? { updatedAt } : {}) },
    };
  } finally {
    store.close();
  }
}

/**
 * For image scans: match when a database is there; without one (and without an explicit --db) the scan still
 * reports packages and findings, and says that vulnerabilities were not checked.
 */
export function vulnReportIfDb(inv: PackageInventory, dbPath: string, explicit: boolean): VulnReport | { skipped: string } {
  const skipped = noDbReason(dbPath, explicit);
  if (skipped) return { skipped };
  return vulnReport(inv, dbPath);
}

/** Why vulnerabilities will not be checked (no database, none asked for explicitly), or undefined when they will be. */
export function noDbReason(dbPath: string, explicit: boolean): string | undefined {
  if (explicit || existsSync(dbPath)) return undefined;
  return `no advisory database at ${dbPath}: vulnerabilities were not checked (create one with: kubeward db import PATH...)`;
}
