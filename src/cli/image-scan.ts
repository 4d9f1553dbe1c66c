import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { atLeast, isSeverity, type Finding } from '../model/finding.js';
import { renderVulnJson, renderVulnTable } from '../report/vulns.js';
import { SEVERITY_RANK } from '../vuln/severity.js';
import type { VulnMatch, VulnSeverity } from '../vuln/types.js';
import { vulnReportIfDb } from './vuln-report.js';
import { renderImageScanJson, renderImageScanText } from '../report/image-scan-text.js';
import { parsePlatform } from '../sources/image/manifest.js';
import { scanImage, type ScanImageOptions } from '../sources/image/scan-image.js';
import { ImageError } from '../sources/image/types.js';
import { UsageError, useColor } from './scan.js';
import { renderImageVex } from './image-sbom.js';
import { packageVersion } from './version.js';

export interface ImageCommandOptions {
  platform?: string;
  insecure?: boolean;
  format?: string;
  output?: string;
  failOn?: string;
  maxFileSize?: string;
  maxLayerSize?: string;
}

/** Options shared by `image scan` and `image sbom`, turned into scanImage options. */
export function imageScanOptions(o: ImageCommandOptions): ScanImageOptions {
  const opts: ScanImageOptions = {};
  if (o.platform) {
    try {
      opts.platform = parsePlatform(o.platform);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  if (o.insecure) opts.insecure = true;
  if (o.maxFileSize !== undefined) {
    const m = /^(\d+)([kmg]?)i?b?$/i.exec(o.maxFileSize.trim());
    if (!m) throw new UsageError(`--max-file-size must be a size like 256m, got "${o.maxFileSize}"`);
    opts.maxFileBytes = Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2]!.toLowerCase()]!;
  }
  if (o.maxLayerSize !== undefined) {
    const m = /^(\d+)([kmg]?)i?b?$/i.exec(o.maxLayerSize.trim());
    if (!m || Number(m[1]) === 0) throw new UsageError(`--max-layer-size must be a size like 16g, got "${o.maxLayerSize}"`);
    opts.maxLayerBytes = Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2]!.toLowerCase()]!;
  }
  return opts;
}

export function addImageOptions(cmd: Command): Command {
  return cmd
    .option('--platform <os/arch[/variant]>', 'which image of a multi-arch index (default linux/amd64)')
    .option('--insecure', 'plain http for a loopback registry (127.0.0.1, ::1, localhost)')
    .option('--max-file-size <size>', 'largest single file read into memory for an analyzer (default 256m)')
    .option('--max-layer-size <size>', 'largest uncompressed size of one layer; a layer past it fails the scan (default 16g)')
    .option('--output <file>', 'write to a file instead of stdout');
}

export async function writeOut(text: string, file: string | undefined): Promise<void> {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const s = createWriteStream(file);
    s.on('error', (err) => reject(new UsageError(`cannot write ${file}: ${err.message}`)));
    s.end(text, () => resolve());
  });
}

/** Is any vulnerability at or above a threshold (a vulnerability severity, or a finding severity; info and unknown mean any)? */
export function vulnsAtOrAbove(matches: readonly VulnMatch[], threshold: string | undefined): boolean {
  if (threshold === undefined) return false;
  if (threshold === 'info' || threshold === 'unknown') return matches.length > 0;
  const t = SEVERITY_RANK[threshold as VulnSeverity];
  return t !== undefined && matches.some((m) => SEVERITY_RANK[m.severity] >= t);
}

function findingsAtOrAbove(findings: readonly Finding[], threshold: string | undefined): boolean {
  if (threshold === undefined) return false;
  if (threshold === 'unknown') return findings.length > 0;
  return isSeverity(threshold) && findings.some((f) => atLeast(f.severity, threshold));
}

/**
 * `kubeward image scan IMAGE`: metadata, packages (counts; the full list in JSON), image config findings, and the
 * packages' vulnerabilities when an advisory database is there.
 */
export async function runImageRefScan(ref: string, o: ImageCommandOptions & { db: string; dbExplicit: boolean; color?: boolean }): Promise<number> {
  const format = (o.format ?? 'table').toLowerCase();
  if (format !== 'table' && format !== 'json' && format !== 'cyclonedx-vex') throw new UsageError(`-o must be table, json or cyclonedx-vex, got "${o.format}"`);
  let result;
  try {
    result = await scanImage(ref, imageScanOptions(o));
  } catch (err) {
    if (err instanceof ImageError) throw new UsageError(err.message);
    throw err;
  }
  const vulns = vulnReportIfDb({ target: result.image.reference, packages: result.packages, ...(result.distro ? { distro: result.distro } : {}), warnings: [] }, o.db, o.dbExplicit);
  const color = !o.output && useColor(o.color, process.stdout);
  let text: string;
  if (format === 'cyclonedx-vex') {
    if ('skipped' in vulns) throw new UsageError(`-o cyclonedx-vex needs the advisory database: ${vulns.skipped}`);
    text = renderImageVex(result, vulns.matches);
  } else if (format === 'json') {
    const doc = JSON.parse(renderImageScanJson(result, { name: 'kubeward', version: packageVersion() })) as Record<string, unknown>;
    if ('skipped' in vulns) doc.vulnerabilities = { checked: false, reason: vulns.skipped };
    else {
      const v = JSON.parse(renderVulnJson(vulns)) as Record<string, unknown>;
      doc.vulnerabilities = { checked: true, database: v.database, summary: v.summary, matches: v.vulnerabilities, warnings: v.warnings };
    }
    text = JSON.stringify(doc, null, 2) + '\n';
  } else {
    text = renderImageScanText(result, { color }) + '\n' + ('skipped' in vulns ? `Vulnerabilities: not checked: ${vulns.skipped}\n` : `Vulnerabilities\n${renderVulnTable(vulns, { color })}`);
  }
  await writeOut(text, o.output);
  if (result.problems.length && (format === 'json' || o.output)) process.stderr.write(`kubeward: ${result.problems.length} problem(s) reading the image; the rest was scanned\n`);
  const failed = findingsAtOrAbove(result.findings, o.failOn) || (!('skipped' in vulns) && vulnsAtOrAbove(vulns.matches, o.failOn));
  return failed ? 1 : 0;
}
