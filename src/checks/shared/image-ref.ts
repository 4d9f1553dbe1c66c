/** A container image reference split the way container runtimes read it. */
export interface ImageRef {
  /** Registry host (with port) and path, e.g. "registry.example.com:5000/team/app". */
  repository: string;
  /** The tag after the last ":" of the last path component; undefined when there is none. */
  tag?: string;
  /** The digest after "@", e.g. "sha256:…"; undefined when the image is not pinned. */
  digest?: string;
}

/**
 * Parse "repo[:tag][@digest]". A ":" before the last "/" belongs to a registry port
 * ("host:5000/app" has no tag); "app@sha256:…" is pinned by digest.
 */
export function parseImageRef(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const ref: ImageRef = { repository: colon > slash ? name.slice(0, colon) : name };
  const tag = colon > slash ? name.slice(colon + 1) : '';
  if (tag !== '') ref.tag = tag;
  if (digest !== '') ref.digest = digest;
  return ref;
}
