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
  /**
   * Why the digest is not one a runtime accepts (`sha256:abc`, upper-case hex, a sha512 of the wrong length);
   * undefined when it is valid or there is none. An image with a digestError is not pinned: it cannot be pulled.
   */
  digestError?: string;
}

/**
 * The OCI image-spec digest grammar (`algorithm ":" encoded`, algorithm components of [a-z0-9] joined by
 * `+._-`, encoded of [a-zA-Z0-9=_-]) and its registered algorithms: sha256 is 64 and sha512 128 lower-case
 * hex characters. Runtimes (containerd, CRI-O through go-digest) refuse any other algorithm.
 */
const DIGEST_GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const REGISTERED: Readonly<Record<string, number>> = { sha256: 64, sha512: 128 };

/** Why a digest ("sha256:…") is invalid, or undefined when a runtime accepts it. */
export function digestError(digest: string): string | undefined {
  if (!DIGEST_GRAMMAR.test(digest)) return `"${digest}" is not a digest (algorithm:hex)`;
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = REGISTERED[algorithm];
  if (length === undefined) return `digest algorithm "${algorithm}" is not one runtimes support (sha256, sha512)`;
  if (!/^[a-f0-9]*$/.test(encoded)) return `a ${algorithm} digest is lower-case hex, "${encoded.length > 16 ? encoded.slice(0, 16) + '…' : encoded}" is not`;
  if (encoded.length !== length) return `a ${algorithm} digest has ${length} hex characters, this one has ${encoded.length}`;
  return undefined;
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
  if (digest !== '') {
    ref.digest = digest;
    const error = digestError(digest);
    if (error !== undefined) ref.digestError = error;
  }
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
