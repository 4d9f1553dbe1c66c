import type { ImageCheckInput } from '../../model/image-input.js';
import type { Distro, Package } from '../../vuln/types.js';
import { ANALYZERS } from './analyzers/index.js';
import { formatPlatform } from './manifest.js';
import { openImage } from './open-image.js';
import { keptContent, readImageContents, type LayerInfo, type ReadOptions } from './read-image.js';
import { ImageError, type ImageOpenOptions, type ImageProblem, type SourceKind, ImageIntegrityError } from './types.js';

export interface ImageMetadata {
  reference: string;
  source: SourceKind;
  manifestDigest?: string;
  manifestMediaType?: string;
  configDigest: string;
  platform: string;
  created?: string;
  repoTags?: string[];
  user?: string;
  layers: LayerInfo[];
  files: number;
  suidFiles: number;
}

export interface ImageInspection {
  image: ImageMetadata;
  distro?: Distro;
  packages: Package[];
  /** What the image rules read (config, /etc/shadow, /etc/passwd, setuid files): src/engine/scan-image.ts runs them. */
  checkInput: ImageCheckInput;
  /** Problems with single layers or files; everything else was scanned. */
  problems: ImageProblem[];
}

export type ScanImageOptions = ImageOpenOptions &
  ReadOptions & {
    /**
     * Return what could be read when a layer fails (digest mismatch, truncated, not an archive, over the size
     * cap), with the failure in `problems`. Off by default: an image with a bad layer fails the scan (an
     * ImageError), so a tampered or corrupt image never passes as a quieter scan of its other layers.
     */
    partial?: boolean;
  };

/**
 * Read an image from any source and inventory it: metadata, distro, packages (with purl and layer) and what the
 * image rules read. The vulnerability matcher consumes `distro` and `packages`; `scanImage` (src/engine) adds the
 * image rules' findings.
 */
export async function inspectImage(ref: string, opts: ScanImageOptions = {}): Promise<ImageInspection> {
  const img = await openImage(ref, opts);
  const contents = await readImageContents(img, ANALYZERS, opts);
  const { fs, problems } = contents;
  const broken = contents.layers.filter((l) => l.error !== undefined);
  if (broken.length && !opts.partial) {
    img.blobs.close?.();
    const list = broken.map((l) => `layer ${l.index + 1} (${l.digest ?? l.diffId}): ${l.error}`).join('; ');
    throw new ImageIntegrityError(`${img.reference}: ${list}. An image with a layer that cannot be verified and read is not scanned`);
  }
  const suid: ImageCheckInput['suidFiles'] = [];
  for (const n of fs.nodes.values()) if (n.type === 'file' && n.mode & 0o6000) suid.push({ path: `/${n.path}`, mode: n.mode });
  const text = (p: string) => keptContent(fs, p, problems)?.toString('utf8');
  const cfg = img.config.config ?? {};
  const input: ImageCheckInput = { reference: img.reference, config: cfg, suidFiles: suid };
  const shadow = text('etc/shadow');
  const passwd = text('etc/passwd');
  if (shadow !== undefined) input.shadow = shadow;
  if (passwd !== undefined) input.passwd = passwd;
  const image: ImageMetadata = {
    reference: img.reference,
    source: img.source,
    configDigest: img.configDigest,
    platform: formatPlatform({ os: img.config.os ?? 'unknown', architecture: img.config.architecture ?? 'unknown', ...(img.config.variant ? { variant: img.config.variant } : {}) }),
    layers: contents.layers,
    files: fs.nodes.size,
    suidFiles: suid.length,
  };
  if (img.manifestDigest) image.manifestDigest = img.manifestDigest;
  if (img.manifestMediaType) image.manifestMediaType = img.manifestMediaType;
  if (img.config.created) image.created = img.config.created;
  if (img.repoTags) image.repoTags = img.repoTags;
  if (cfg.User) image.user = cfg.User;
  img.blobs.close?.();
  const result: ImageInspection = { image, packages: contents.packages, checkInput: input, problems };
  if (contents.distro) result.distro = contents.distro;
  return result;
}
