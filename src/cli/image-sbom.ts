import { renderCycloneDx } from '../report/sbom-cyclonedx.js';
import { sbomTimestamp, type SbomInput } from '../report/sbom-input.js';
import { renderSpdx } from '../report/sbom-spdx.js';
import { scanImage, type ImageScanResult } from '../engine/scan-image.js';
import type { VulnMatch } from '../vuln/types.js';
import { ImageError } from '../sources/image/types.js';
import { imageScanOptions, writeOut, type ImageCommandOptions } from './image-scan.js';
import { UsageError } from './scan.js';
import { packageVersion } from './version.js';

export const SBOM_FORMATS = ['cyclonedx-json', 'spdx-json'] as const;

export function sbomInput(r: ImageScanResult): SbomInput {
  const input: SbomInput = { tool: { name: 'kubeward', version: packageVersion() }, image: r.image, packages: r.packages, created: sbomTimestamp() };
  if (r.distro) input.distro = r.distro;
  return input;
}

/** `image scan -o cyclonedx-vex`: the image's CycloneDX BOM with its vulnerabilities as VEX statements. */
export function renderImageVex(r: ImageScanResult, matches: readonly VulnMatch[]): string {
  return renderCycloneDx(sbomInput(r), { vulnerabilities: matches, vex: true });
}

/** `kubeward image sbom IMAGE -o cyclonedx-json|spdx-json`. */
export async function runImageSbom(ref: string, o: ImageCommandOptions): Promise<number> {
  const format = (o.format ?? 'cyclonedx-json').toLowerCase();
  if (!(SBOM_FORMATS as readonly string[]).includes(format)) throw new UsageError(`-o must be ${SBOM_FORMATS.join(' or ')}, got "${o.format}"`);
  let r;
  try {
    r = await scanImage(ref, imageScanOptions(o));
  } catch (err) {
    if (err instanceof ImageError) throw new UsageError(err.message);
    throw err;
  }
  await writeOut(format === 'spdx-json' ? renderSpdx(sbomInput(r)) : renderCycloneDx(sbomInput(r)), o.output);
  for (const p of r.problems) process.stderr.write(`kubeward: ${p.scope}${p.path ? ` ${p.path}` : ''}: ${p.message}\n`);
  return 0;
}
