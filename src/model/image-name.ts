/**
 * Container image names as container runtimes read them — the one place that knows where the tag, the
 * digest and the registry are in "host:5000/team/app:1.2@sha256:…". Used by the image checks (lenient: they
 * report on whatever a manifest says) and by the image sources (which validate on top). Pure.
 */

export interface ImageName {
  /** Everything before the tag and digest: "registry.example.com:5000/team/app", "nginx". */
  repository: string;
  /** After the last ":" of the last path component; undefined when there is none (or it is empty). */
  tag?: string;
  /** After "@"; undefined when there is none (or it is empty). */
  digest?: string;
}

/** Split "repo[:tag][@digest]". A ":" before the last "/" belongs to a registry port ("host:5000/app" has no tag). */
export function splitImageName(image: string): ImageName {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const ref: ImageName = { repository: colon > slash ? name.slice(0, colon) : name };
  const tag = colon > slash ? name.slice(colon + 1) : '';
  if (tag !== '') ref.tag = tag;
  if (digest !== '') ref.digest = digest;
  return ref;
}

/**
 * The registry host of a repository and the path on it, as Docker normalises names: the first path component
 * is a registry only when it has a "." or ":" or is "localhost"; otherwise the image is on Docker Hub, where
 * one-component names live under "library/" ("nginx" and "docker.io/nginx" are docker.io/library/nginx).
 * Registry hosts are case-insensitive (lower-cased here); index.docker.io is docker.io.
 */
export function registryOf(repository: string): { registry: string; path: string } {
  const slash = repository.indexOf('/');
  const first = slash < 0 ? '' : repository.slice(0, slash);
  let registry = 'docker.io';
  let path = repository;
  if (first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first.toLowerCase() === 'index.docker.io' ? 'docker.io' : first.toLowerCase();
    path = repository.slice(slash + 1);
  }
  if (registry === 'docker.io' && path !== '' && !path.includes('/')) path = `library/${path}`;
  return { registry, path };
}
