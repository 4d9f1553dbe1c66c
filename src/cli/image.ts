/**
 * `kubeward image scan`: vulnerabilities of an image's packages. Today from an existing SBOM (`--sbom`);
 * image references (OCI layout, archives, registries) are routed here by the image-sources work.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderVulnJson, renderVulnTable, type VulnReport } from '../report/vulns.js';
import { readSbom } from '../sources/sbom/read-sbom.js';
import { matchReport } from '../vuln/match.js';
import { SEVERITY_RANK } from '../vuln/severity.js';
import type { Distro, Package, VulnSeverity } from '../vuln/types.js';
import { DB_OPTION_HELP, dbPathFrom } from './db-path.js';
import { openDb } from './db.js';
import { UsageError } from './scan.js';
import { packageVersion } from './version.js';

const FAIL_ON: VulnSeverity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

interface ScanOpts {
  sbom?: string;
  format: string;
  failOn?: string;
  color?: boolean;
}

interface Inventory {
  target: string;
  packages: Package[];
  distro?: Distro;
  warnings: string[];
}

async function inventoryFromSbom(path: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read SBOM ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const r = readSbom(text, path);
  if ('error' in r) throw new UsageError(r.error);
  const warnings = [...r.warnings];
  if (r.ignored) warnings.push(`${r.ignored} SBOM components without a purl of a matched type (apk, deb, rpm, npm, pypi, golang, maven) were not checked`);
  return { target: `sbom:${path}`, packages: r.packages, ...(r.distro ? { distro: r.distro } : {}), warnings };
}

export async function runImageScan(image: string | undefined, opts: ScanOpts, cmd: Command, out: (s: string) => void): Promise<number> {
  if (opts.format !== 'table' && opts.format !== 'json') throw new UsageError(`-o must be table or json (got "${opts.format}")`);
  if (opts.failOn !== undefined && !FAIL_ON.includes(opts.failOn as VulnSeverity)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${opts.failOn}")`);
  let inv: Inventory;
  if (opts.sbom !== undefined) {
    if (image !== undefined) throw new UsageError('give either an image or --sbom FILE, not both');
    inv = await inventoryFromSbom(opts.sbom);
  } else if (image !== undefined) {
    // ── Image references are routed here. ─────────────────────────────────────────────────────────
    // The image-sources work (src/sources/image/) supplies an Inventory for oci-layout:DIR[:tag],
    // docker-archive:FILE, oci-archive:FILE and registry references; until it is merged:
    throw new UsageError(`scanning an image reference ("${image}") is not yet supported in this build; scan an SBOM of it with --sbom FILE`);
  } else throw new UsageError('image scan needs an SBOM (--sbom FILE)');

  const store = openDb(dbPathFrom(cmd), false);
  let report: VulnReport;
  try {
    const m = matchReport(store, inv.packages, inv.distro, { debianReleases: store.debianReleases() });
    const skippedWhy = new Map<string, number>();
    for (const s of m.skipped) skippedWhy.set(s.reason, (skippedWhy.get(s.reason) ?? 0) + 1);
    const updatedAt = store.info().updatedAt;
    report = {
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
  const color = opts.color !== false && process.env.NO_COLOR === undefined && process.stdout.isTTY === true;
  out(opts.format === 'json' ? renderVulnJson(report) : renderVulnTable(report, { color }));
  if (opts.format === 'json') for (const w of report.warnings) process.stderr.write(`kubeward: warning: ${w}\n`);
  const threshold = opts.failOn as VulnSeverity | undefined;
  if (threshold === undefined) return 0;
  return report.matches.some((m) => SEVERITY_RANK[m.severity] >= SEVERITY_RANK[threshold]) ? 1 : 0;
}

export function registerImage(program: Command, out: (s: string) => void, setCode: (c: number) => void): void {
  const image = program.command('image').description('container images: vulnerabilities of their packages');
  image
    .command('scan')
    .description('match the packages of an SBOM (CycloneDX 1.4–1.6 or SPDX 2.3 JSON) against the advisory database')
    .argument('[image]', 'an image reference (not yet supported in this build)')
    .option('--sbom <file>', 'scan the packages listed in this SBOM')
    .option('--db <path>', DB_OPTION_HELP)
    .option('-o, --format <format>', 'table or json', 'table')
    .option('--fail-on <severity>', `exit 1 when a vulnerability is at or above this severity (${FAIL_ON.join(', ')}; unknown = any)`)
    .option('--no-color', 'no ANSI colour in the table')
    .addHelpText('after', `
Examples:
  kubeward db import test/fixtures/advisories
  kubeward image scan --sbom examples/alpine-3.9.cdx.json
  kubeward image scan --sbom bom.spdx.json -o json --fail-on high`)
    .action(async (ref: string | undefined, opts: ScanOpts, cmd: Command) => setCode(await runImageScan(ref, opts, cmd, out)));
}
