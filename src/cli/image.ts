/**
 * `kubeward image scan`: vulnerabilities of an image's packages. Today from an existing SBOM (`--sbom`);
 * image references (OCI layout, archives, registries) are routed here by the image-sources work.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderVulnJson, renderVulnTable, type VulnReport } from '../report/vulns.js';
import { readSbom } from '../sources/sbom/read-sbom.js';
import { isSeverity } from '../model/finding.js';
import type { VulnSeverity } from '../vuln/types.js';
import { DB_OPTION_HELP, dbPathFrom } from './db-path.js';
import { addImageOptions, runImageRefScan, vulnsAtOrAbove, type ImageCommandOptions } from './image-scan.js';
import { UsageError, useColor } from './scan.js';
import { vulnReport, type PackageInventory } from './vuln-report.js';

const FAIL_ON: VulnSeverity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

interface ScanOpts extends ImageCommandOptions {
  sbom?: string;
  format: string;
  failOn?: string;
  color?: boolean;
}

async function inventoryFromSbom(path: string): Promise<PackageInventory> {
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
  if (opts.format !== 'table' && opts.format !== 'json' && !(opts.format === 'cyclonedx-vex' && image !== undefined)) throw new UsageError(`-o must be table or json${image !== undefined ? ' or cyclonedx-vex' : ''} (got "${opts.format}")`);
  if (opts.failOn !== undefined && !FAIL_ON.includes(opts.failOn as VulnSeverity) && !isSeverity(opts.failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, info (got "${opts.failOn}")`);
  if (opts.sbom !== undefined && image !== undefined) throw new UsageError('give either an image or --sbom FILE, not both');
  if (image !== undefined) return runImageRefScan(image, { ...opts, db: dbPathFrom(cmd), dbExplicit: cmd.opts().db !== undefined || Boolean(process.env.KUBEWARD_DB) });
  if (opts.sbom === undefined) throw new UsageError('image scan needs an image reference or an SBOM (--sbom FILE)');
  const report = vulnReport(await inventoryFromSbom(opts.sbom), dbPathFrom(cmd));
  const color = useColor(opts.color, process.stdout);
  out(opts.format === 'json' ? renderVulnJson(report) : renderVulnTable(report, { color }));
  if (opts.format === 'json') for (const w of report.warnings) process.stderr.write(`kubeward: warning: ${w}\n`);
  return vulnsAtOrAbove(report.matches, opts.failOn) ? 1 : 0;
}

export function registerImage(program: Command, out: (s: string) => void, setCode: (c: number) => void): void {
  const image = program.command('image').description('container images: packages, vulnerabilities, config findings, SBOMs, signatures');
  addImageOptions(image
    .command('scan')
    .description('an image (OCI layout, docker/oci archive, registry) or an SBOM: packages and image config findings, and vulnerabilities from the advisory database')
    .argument('[image]', 'the image: oci-layout:DIR[:TAG], docker-archive:FILE, oci-archive:FILE, REGISTRY/REPO[:TAG|@DIGEST]'))
    .option('--sbom <file>', 'scan the packages listed in this SBOM')
    .option('--db <path>', DB_OPTION_HELP)
    .option('-o, --format <format>', 'table, json, or cyclonedx-vex (an image\'s CycloneDX BOM with its vulnerabilities as VEX)', 'table')
    .option('--fail-on <severity>', `exit 1 when a vulnerability or image finding is at or above this severity (${FAIL_ON.join(', ')}, info; unknown/info = any)`)
    .option('--no-color', 'no ANSI colour in the table')
    .addHelpText('after', `
Examples:
  kubeward db import test/fixtures/advisories
  kubeward image scan --sbom examples/sbom/alpine-3.9.cdx.json
  kubeward image scan oci-layout:./layout:v1
  kubeward image scan docker-archive:app.tar -o json
  kubeward image scan oci-layout:./layout:v1 -o cyclonedx-vex --output vex.cdx.json
  kubeward image scan 127.0.0.1:5000/team/app:1.2 --insecure --platform linux/arm64
  kubeward image scan --sbom bom.spdx.json -o json --fail-on high`)
    .action(async (ref: string | undefined, opts: ScanOpts, cmd: Command) => setCode(await runImageScan(ref, opts, cmd, out)));
}
