import { ImageError, MEDIA, type Descriptor, type ImageConfig, type Platform } from './types.js';

export type ParsedManifest =
  | { kind: 'index'; mediaType: string; manifests: Descriptor[] }
  | { kind: 'manifest'; mediaType: string; config: Descriptor; layers: Descriptor[] };

const INDEX_TYPES = new Set<string>([MEDIA.ociIndex, MEDIA.dockerList]);
const MANIFEST_TYPES = new Set<string>([MEDIA.ociManifest, MEDIA.dockerManifest]);

function jsonObject(buf: Buffer, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(buf.toString('utf8'));
  } catch (err) {
    throw new ImageError(`${what} is not JSON: ${(err as Error).message}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ImageError(`${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

function descriptor(v: unknown, what: string): Descriptor {
  const d = v as Descriptor;
  if (!d || typeof d !== 'object' || typeof d.digest !== 'string') throw new ImageError(`${what}: descriptor without a digest`);
  return d;
}

/**
 * Parse a manifest or index. The media type comes from the document's `mediaType`, else from the descriptor or
 * Content-Type it was fetched with (umoci writes OCI manifests without `mediaType`), else from its shape.
 */
export function parseManifest(buf: Buffer, declaredType?: string): ParsedManifest {
  const doc = jsonObject(buf, 'manifest');
  const declared = declaredType?.split(';')[0]!.trim();
  let mediaType = typeof doc.mediaType === 'string' ? doc.mediaType : declared && declared !== 'application/json' ? declared : undefined;
  if (mediaType === MEDIA.dockerSchema1 || mediaType === MEDIA.dockerSchema1Signed || doc.schemaVersion === 1) {
    throw new ImageError('Docker schema 1 manifests are not supported (re-push the image with a current client)');
  }
  if (!mediaType) mediaType = Array.isArray(doc.manifests) ? MEDIA.ociIndex : MEDIA.ociManifest;
  if (INDEX_TYPES.has(mediaType) || (Array.isArray(doc.manifests) && !doc.config)) {
    if (!Array.isArray(doc.manifests)) throw new ImageError(`index (${mediaType}) has no manifests array`);
    return { kind: 'index', mediaType, manifests: doc.manifests.map((m, i) => descriptor(m, `index entry ${i}`)) };
  }
  if (!MANIFEST_TYPES.has(mediaType) && !doc.config) throw new ImageError(`unsupported manifest media type ${mediaType}`);
  if (!Array.isArray(doc.layers)) throw new ImageError('manifest has no layers array');
  return {
    kind: 'manifest',
    mediaType,
    config: descriptor(doc.config, 'manifest config'),
    layers: doc.layers.map((l, i) => descriptor(l, `layer ${i}`)),
  };
}

export function parseConfig(buf: Buffer): ImageConfig {
  return jsonObject(buf, 'image config') as ImageConfig;
}

export function parsePlatform(s: string): Platform {
  const parts = s.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) throw new ImageError(`--platform must be os/arch[/variant], got "${s}"`);
  return parts.length === 3 ? { os: parts[0]!, architecture: parts[1]!, variant: parts[2]! } : { os: parts[0]!, architecture: parts[1]! };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

const DEFAULT_VARIANT: Record<string, string> = { arm64: 'v8', arm: 'v7' };

function matches(p: Platform | undefined, want: Platform): boolean {
  if (!p || p.os !== want.os || p.architecture !== want.architecture) return false;
  if (!want.variant) return true;
  return (p.variant ?? DEFAULT_VARIANT[p.architecture]) === want.variant;
}

/**
 * Pick one manifest of an index: the one for `platform` (default linux/amd64). Attestation manifests
 * (platform unknown/unknown) are never picked.
 */
export function selectPlatform(manifests: Descriptor[], platform?: Platform): Descriptor {
  const images = manifests.filter((m) => !(m.platform?.os === 'unknown' && m.platform.architecture === 'unknown'));
  if (!platform && images.length === 1) return images[0]!;
  const want = platform ?? { os: 'linux', architecture: 'amd64' };
  const found = images.find((m) => matches(m.platform, want));
  if (found) return found;
  const have = images.map((m) => (m.platform ? formatPlatform(m.platform) : '(no platform)')).join(', ');
  throw new ImageError(`no manifest for platform ${formatPlatform(want)} in the index (available: ${have || 'none'}); use --platform`);
}
