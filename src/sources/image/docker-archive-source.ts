import { createReadStream, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { openRegular, readRegular, RefusedFileError } from '../regular-file.js';
import { verifyBlob } from './digest.js';
import { parseConfig } from './manifest.js';
import { MAX_METADATA_BLOB } from './resolve.js';
import { TarFile } from './tar-index.js';
import { ImageError, type BlobSource, type Descriptor, type ImageOpenOptions, type ResolvedImage } from './types.js';

interface DockerManifestEntry {
  Config?: string;
  RepoTags?: string[] | null;
  Layers?: string[];
}

/** What the docker-archive reader needs of its container: a tar file, or a directory `docker save` was unpacked in. */
interface ArchiveFiles {
  resolve(name: string): { name: string; size: number } | undefined;
  read(m: { name: string; size: number }): Buffer;
  stream(m: { name: string; size: number }): Readable;
}

/** An unpacked `docker save`: members are regular files under the directory (never outside it). */
class DirFiles implements ArchiveFiles {
  constructor(private readonly dir: string) {}
  private path(name: string): string | undefined {
    const p = resolve(this.dir, name);
    const rel = relative(resolve(this.dir), p);
    return rel === '' || rel.startsWith('..') || rel.startsWith(sep) ? undefined : p;
  }
  resolve(name: string): { name: string; size: number } | undefined {
    const p = this.path(name);
    if (!p) return undefined;
    try {
      const s = statSync(p);
      return s.isFile() ? { name, size: s.size } : undefined;
    } catch {
      return undefined;
    }
  }
  read(m: { name: string; size: number }): Buffer {
    try {
      return readRegular(join(this.dir, m.name), m.size, `${this.dir}/${m.name}`);
    } catch (err) {
      if (err instanceof RefusedFileError) throw new ImageError(err.message);
      throw err;
    }
  }
  stream(m: { name: string; size: number }): Readable {
    const { fd } = openRegular(join(this.dir, m.name));
    return createReadStream('', { fd, highWaterMark: 256 * 1024 });
  }
}

class DockerArchiveBlobs implements BlobSource {
  constructor(private readonly tar: ArchiveFiles) {}
  private member(d: Descriptor) {
    const m = d.path ? this.tar.resolve(d.path) : undefined;
    if (!m) throw new ImageError(`${d.path ?? d.digest} is missing from the archive`);
    return m;
  }
  async readBlob(d: Descriptor): Promise<Buffer> {
    const m = this.member(d);
    if (m.size > MAX_METADATA_BLOB) throw new ImageError(`${d.path} is ${m.size} bytes, over the ${MAX_METADATA_BLOB}-byte limit for configs`);
    const data = this.tar.read(m);
    if (d.digest) verifyBlob(data, d.digest, undefined, d.path);
    return data;
  }
  async openBlob(d: Descriptor): Promise<Readable> {
    return this.tar.stream(this.member(d));
  }
}

/** `sha256:<hex>` when a member is named by its digest (`<hex>.json`, `blobs/sha256/<hex>`). */
function digestFromName(name: string): string | undefined {
  const m = /(?:^|\/)(?:blobs\/sha256\/)?([a-f0-9]{64})(?:\.json)?$/.exec(name);
  return m ? `sha256:${m[1]}` : undefined;
}

function matchesTag(tags: string[], want: string): boolean {
  return tags.some((t) => t === want || t === `docker.io/${want}` || t === `docker.io/library/${want}` || t.endsWith(`:${want}`) && !want.includes(':'));
}

/**
 * A `docker save` / `skopeo copy docker-archive:` tarball (layers read by offset, never extracted), or a
 * directory it was unpacked in.
 */
export async function openDockerArchive(file: string, tag: string | undefined, reference: string, _opts: ImageOpenOptions): Promise<ResolvedImage> {
  const tar: ArchiveFiles = statSync(file).isDirectory() ? new DirFiles(file) : TarFile.open(file);
  const mm = tar.resolve('manifest.json');
  if (!mm) throw new ImageError(`${file}: no manifest.json (not a docker-archive)`);
  let entries: DockerManifestEntry[];
  try {
    entries = JSON.parse(tar.read(mm).toString('utf8')) as DockerManifestEntry[];
  } catch (err) {
    throw new ImageError(`${file}: manifest.json is not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(entries) || entries.length === 0) throw new ImageError(`${file}: manifest.json lists no image`);
  let entry: DockerManifestEntry;
  if (tag === undefined) {
    if (entries.length > 1) throw new ImageError(`${file} holds ${entries.length} images; name one with :REPO:TAG (${entries.flatMap((e) => e.RepoTags ?? []).join(', ')})`);
    entry = entries[0]!;
  } else {
    const hit = entries.find((e) => matchesTag(e.RepoTags ?? [], tag));
    if (!hit) throw new ImageError(`${file}: no image tagged "${tag}" (tags: ${entries.flatMap((e) => e.RepoTags ?? []).join(', ') || 'none'})`);
    entry = hit;
  }
  if (typeof entry.Config !== 'string' || !Array.isArray(entry.Layers)) throw new ImageError(`${file}: manifest.json entry without Config or Layers`);
  const blobs = new DockerArchiveBlobs(tar);
  const configDigest = digestFromName(entry.Config);
  const config = parseConfig(await blobs.readBlob({ path: entry.Config, digest: configDigest }));
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== entry.Layers.length) throw new ImageError(`image config lists ${diffIds.length} diff ids for ${entry.Layers.length} layers`);
  const layers: Descriptor[] = entry.Layers.map((p) => {
    const d = p.startsWith('blobs/') ? digestFromName(p) : undefined;
    return d ? { path: p, digest: d } : { path: p };
  });
  return {
    reference,
    source: 'docker-archive',
    configDigest: configDigest ?? '',
    config,
    layers,
    repoTags: entry.RepoTags ?? [],
    blobs,
  };
}
