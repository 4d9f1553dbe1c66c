import { parseConfig, parseManifest } from './manifest.js';
import { selectPlatform } from './manifest.js';
import { ImageError, type BlobSource, type Descriptor, type ImageConfig, type Platform } from './types.js';

/** Manifests and configs larger than this are refused (they are a few kB in practice). */
export const MAX_METADATA_BLOB = 8 * 1024 * 1024;

export interface ResolvedManifest {
  manifestDigest?: string;
  manifestMediaType: string;
  configDigest: string;
  config: ImageConfig;
  layers: Descriptor[];
}

/**
 * Follow a manifest descriptor (through image indexes, choosing the platform) down to one image manifest,
 * then read its config. Every blob read is digest-verified by the BlobSource.
 */
export async function resolveManifest(blobs: BlobSource, desc: Descriptor, platform?: Platform, fetched?: { body: Buffer; mediaType?: string }): Promise<ResolvedManifest> {
  let current = desc;
  let body = fetched?.body;
  let declared = fetched?.mediaType ?? desc.mediaType;
  for (let depth = 0; depth < 4; depth++) {
    let buf = body;
    if (!buf && blobs.readManifest) {
      const m = await blobs.readManifest(current);
      buf = m.body;
      declared = current.mediaType ?? m.mediaType;
    }
    buf ??= await blobs.readBlob(current);
    body = undefined;
    const m = parseManifest(buf, declared);
    if (m.kind === 'index') {
      current = selectPlatform(m.manifests, platform);
      declared = current.mediaType;
      continue;
    }
    const configBuf = await blobs.readBlob(m.config);
    const config = parseConfig(configBuf);
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== m.layers.length) {
      throw new ImageError(`image config lists ${diffIds.length} diff ids for ${m.layers.length} layers`);
    }
    if (platform && config.architecture && config.architecture !== platform.architecture) {
      throw new ImageError(`image is ${config.os}/${config.architecture}, --platform asked for ${platform.os}/${platform.architecture}`);
    }
    return { manifestDigest: current.digest, manifestMediaType: m.mediaType, configDigest: m.config.digest!, config, layers: m.layers };
  }
  throw new ImageError('image indexes nested more than 4 deep');
}

/** Pick the manifest of an OCI layout's index.json by tag (`org.opencontainers.image.ref.name`). */
export function selectByTag(indexJson: Buffer, tag: string | undefined): Descriptor {
  const idx = parseManifest(indexJson, 'application/vnd.oci.image.index.v1+json');
  if (idx.kind !== 'index') throw new ImageError('index.json is not an image index');
  const name = (d: Descriptor) => d.annotations?.['org.opencontainers.image.ref.name'];
  const tags = idx.manifests.map(name).filter((t): t is string => !!t);
  if (tag === undefined) {
    if (idx.manifests.length === 1) return idx.manifests[0]!;
    throw new ImageError(`the layout holds ${idx.manifests.length} manifests; name one with :TAG (tags: ${tags.join(', ') || 'none'})`);
  }
  const hit = idx.manifests.find((d) => name(d) === tag || name(d)?.endsWith(`:${tag}`));
  if (!hit) throw new ImageError(`no tag "${tag}" in the layout (tags: ${tags.join(', ') || 'none'})`);
  return hit;
}
