import type { VulnMatch } from '../vuln/types.js';
import { renderCycloneDx } from './sbom-cyclonedx.js';
import { sbomTimestamp, type SbomInput } from './sbom-input.js';

/** What the SBOM of an image needs from its scan (sources/image/scan-image.ts ImageScanResult has it). */
export type ScannedImage = Pick<SbomInput, 'image' | 'packages'> & { distro?: SbomInput['distro'] };

/** The SBOM input of one scanned image (SOURCE_DATE_EPOCH, when set, is the timestamp). */
export function imageSbomInput(r: ScannedImage, version: string): SbomInput {
  const input: SbomInput = { tool: { name: 'kubeward', version }, image: r.image, packages: r.packages, created: sbomTimestamp() };
  if (r.distro) input.distro = r.distro;
  return input;
}

/** `image scan -o cyclonedx-vex`: the image's CycloneDX BOM with its vulnerabilities as VEX statements. */
export function renderImageVex(r: ScannedImage, matches: readonly VulnMatch[], version: string): string {
  return renderCycloneDx(imageSbomInput(r, version), { vulnerabilities: matches, vex: true });
}
