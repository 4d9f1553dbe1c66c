import { createWriteStream } from 'node:fs';
import type { Command } from 'commander';
import { atLeast, isSeverity } from '../model/finding.js';
import { renderImageScanJson, renderImageScanText } from '../report/image-scan-text.js';
import { parsePlatform } from '../sources/image/manifest.js';
import { scanImage, type ScanImageOptions } from '../sources/image/scan-image.js';
import { ImageError } from '../sources/image/types.js';
import { UsageError } from './scan.js';
import { packageVersion } from './version.js';

export interface ImageCommandOptions {
  platform?: string;
  insecure?: boolean;
  format?: string;
  output?: string;
  failOn?: string;
  maxFileSize?: string;
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
  return opts;
}

export function addImageOptions(cmd: Command): Command {
  return cmd
    .option('--platform <os/arch[/variant]>', 'which image of a multi-arch index (default linux/amd64)')
    .option('--insecure', 'plain http for a loopback registry (127.0.0.1, ::1, localhost)')
    .option('--max-file-size <size>', 'largest single file read into memory for an analyzer (default 256m)')
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

/** `kubeward image scan IMAGE`: metadata, packages (counts; the full list in JSON), image config findings. */
export async function runImageScan(ref: string, o: ImageCommandOptions): Promise<number> {
  const format = (o.format ?? 'table').toLowerCase();
  if (format !== 'table' && format !== 'json') throw new UsageError(`-o must be table or json, got "${o.format}"`);
  if (o.failOn !== undefined && !isSeverity(o.failOn)) throw new UsageError(`--fail-on must be critical, high, medium, low or info`);
  let result;
  try {
    result = await scanImage(ref, imageScanOptions(o));
  } catch (err) {
    if (err instanceof ImageError) throw new UsageError(err.message);
    throw err;
  }
  const text = format === 'json'
    ? renderImageScanJson(result, { name: 'kubeward', version: packageVersion() })
    : renderImageScanText(result, { color: !o.output && process.stdout.isTTY === true && !process.env.NO_COLOR });
  await writeOut(text, o.output);
  if (result.problems.length && (format === 'json' || o.output)) process.stderr.write(`kubeward: ${result.problems.length} problem(s) reading the image; the rest was scanned\n`);
  return o.failOn && result.findings.some((f) => atLeast(f.severity, o.failOn as never)) ? 1 : 0;
}
