import type { Readable } from 'node:stream';

export type SourceKind = 'oci-layout' | 'docker-archive' | 'oci-archive' | 'registry';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** An OCI content descriptor (also used for docker-archive layers, which have no compressed digest). */
export interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  /** docker-archive: the member path inside the tarball. */
  path?: string;
}

/** The parts of an OCI / Docker image config this tool reads. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: {
    User?: string;
    Env?: string[] | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    ExposedPorts?: Record<string, unknown> | null;
    Labels?: Record<string, string> | null;
    Healthcheck?: { Test?: string[] | null } | null;
  };
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: { created?: string; created_by?: string; empty_layer?: boolean }[];
}

/** Where blobs come from: a layout directory, a tarball, a registry. */
export interface BlobSource {
  /** A small blob (manifest, config), read whole, size-capped and digest-verified. */
  readBlob(d: Descriptor): Promise<Buffer>;
  /** A child manifest of an index (registries serve manifests at /manifests/, not /blobs/); else readBlob. */
  readManifest?(d: Descriptor): Promise<{ body: Buffer; mediaType?: string }>;
  /** A layer blob as a stream (the layer reader verifies its digest while streaming). */
  openBlob(d: Descriptor): Promise<Readable>;
  close?(): void;
}

/** An image resolved down to one manifest: its config and layers, ready to read. */
export interface ResolvedImage {
  reference: string;
  source: SourceKind;
  /** Digest of the manifest (registry, layouts); docker-archive has none. */
  manifestDigest?: string;
  manifestMediaType?: string;
  configDigest: string;
  config: ImageConfig;
  layers: Descriptor[];
  repoTags?: string[];
  blobs: BlobSource;
}

export interface ImageOpenOptions {
  platform?: Platform;
  /** Allow plain http, only for loopback registries. */
  insecure?: boolean;
  /** Path of the Docker config with registry credentials (default ~/.docker/config.json, or $DOCKER_CONFIG/config.json). */
  dockerConfig?: string;
  /** For tests: a fetch implementation. */
  fetch?: typeof fetch;
}

/** A problem with one part of the image (a layer, a file); the rest is still scanned. */
export interface ImageProblem {
  /** `layer` problems name the layer; `file` problems name the file (and its layer). */
  scope: 'image' | 'layer' | 'file';
  layer?: string;
  path?: string;
  message: string;
}

export class ImageError extends Error {}

/** The image is not what its descriptors say (digest or size mismatch, a truncated or unreadable layer): it may have been tampered with. */
export class ImageIntegrityError extends ImageError {}

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;
