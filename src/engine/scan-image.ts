import { CHECKS } from '../checks/index.js';
import type { Check } from '../checks/define.js';
import type { Finding } from '../model/finding.js';
import { inspectImage, type ImageInspection, type ScanImageOptions } from '../sources/image/scan-image.js';
import { runImageRules } from './run-image-rules.js';

export type { ScanImageOptions } from '../sources/image/scan-image.js';

/** One image, read and judged: what `kubeward image scan` prints, and what `scan --images` reads per image. */
export interface ImageScanResult {
  image: ImageInspection['image'];
  distro?: ImageInspection['distro'];
  packages: ImageInspection['packages'];
  /** The image rules' findings (subject `image`, category `images`), located in the image. */
  findings: Finding[];
  /** Problems with single layers or files; everything else was scanned. */
  problems: ImageInspection['problems'];
}

/**
 * Read an image from any source (src/sources/image) and run the registry's image rules over it. `checks`
 * defaults to the whole registry (only its `image` rules run).
 */
export async function scanImage(ref: string, opts: ScanImageOptions = {}, checks: readonly Check[] = CHECKS): Promise<ImageScanResult> {
  const r = await inspectImage(ref, opts);
  // Key order is the image scan JSON's (schema in docs/).
  const result: ImageScanResult = { image: r.image, packages: r.packages, findings: runImageRules(checks, r.checkInput), problems: r.problems };
  if (r.distro) result.distro = r.distro;
  return result;
}
