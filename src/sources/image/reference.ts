import { statSync } from 'node:fs';
import { registryOf, splitImageName } from '../../model/image-name.js';
import { ImageError } from './types.js';

export type ImageRef =
  | { kind: 'oci-layout' | 'oci-archive' | 'docker-archive'; path: string; tag?: string }
  | { kind: 'registry'; registry: string; repository: string; tag?: string; digest?: string };

function exists(p: string, dir: boolean): boolean {
  try {
    const s = statSync(p);
    return dir ? s.isDirectory() : s.isFile();
  } catch {
    return false;
  }
}

/** `PATH[:TAG]` where PATH itself may contain colons: the shortest prefix that exists is the path. */
function pathAndTag(rest: string, dir: boolean): { path: string; tag?: string } {
  if (exists(rest, dir)) return { path: rest };
  for (let i = rest.indexOf(':'); i !== -1; i = rest.indexOf(':', i + 1)) {
    const p = rest.slice(0, i);
    if (exists(p, dir)) return { path: p, tag: rest.slice(i + 1) };
  }
  const i = rest.lastIndexOf(':');
  if (i > 0 && !rest.slice(i + 1).includes('/')) return { path: rest.slice(0, i), tag: rest.slice(i + 1) };
  return { path: rest };
}

const TRANSPORTS = ['oci-layout', 'oci', 'oci-archive', 'docker-archive'] as const;

/** Parse what the user typed: a transport-prefixed local image, or a registry reference (Docker's normalisation). */
export function parseImageRef(input: string): ImageRef {
  for (const t of TRANSPORTS) {
    if (input.startsWith(`${t}:`)) {
      const kind = t === 'oci' ? 'oci-layout' : t;
      const { path, tag } = pathAndTag(input.slice(t.length + 1), kind === 'oci-layout');
      if (!path) throw new ImageError(`${input}: no path after "${t}:"`);
      return tag !== undefined && tag !== '' ? { kind, path, tag } : { kind, path };
    }
  }
  const rest = input.startsWith('docker://') ? input.slice('docker://'.length) : input;
  const { repository: name, tag, digest, digestError } = splitImageName(rest);
  // The split is lenient (an empty tag or digest is no tag or digest); a reference to pull must be exact.
  if (rest.includes('@') && (digest === undefined || digestError !== undefined)) throw new ImageError(`${input}: bad digest "${digest ?? ''}"${digestError ? `: ${digestError}` : ''}`);
  const hasTag = rest.length > name.length && rest[name.length] === ':';
  if (hasTag && !/^[\w][\w.-]{0,127}$/.test(tag ?? '')) throw new ImageError(`${input}: bad tag "${tag ?? ''}"`);
  const { registry, path: repository } = registryOf(name);
  if (!repository || !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository)) {
    throw new ImageError(`"${input}" is not an image reference (use oci-layout:DIR[:tag], docker-archive:FILE, oci-archive:FILE, or registry/repo:tag)`);
  }
  const ref: ImageRef = { kind: 'registry', registry, repository };
  if (digest) ref.digest = digest;
  if (tag) ref.tag = tag;
  else if (!digest) ref.tag = 'latest';
  return ref;
}

export function formatImageRef(r: ImageRef): string {
  if (r.kind !== 'registry') return `${r.kind}:${r.path}${r.tag ? `:${r.tag}` : ''}`;
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}
