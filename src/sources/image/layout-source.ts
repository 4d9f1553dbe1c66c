import { createReadStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parseDigest, verifyBlob } from './digest.js';
import { MAX_METADATA_BLOB, resolveManifest, selectByTag } from './resolve.js';
import { TarFile, type TarMember } from './tar-index.js';
import { ImageError, type BlobSource, type Descriptor, type ImageOpenOptions, type ResolvedImage } from './types.js';

/** Blobs of an OCI image layout directory: blobs/<alg>/<hex>. */
export class LayoutDirBlobs implements BlobSource {
  constructor(private readonly dir: string) {}
  private path(d: Descriptor): string {
    const { algorithm, hex } = parseDigest(d.digest ?? '');
    return join(this.dir, 'blobs', algorithm, hex);
  }
  async readBlob(d: Descriptor): Promise<Buffer> {
    const p = this.path(d);
    let size: number;
    try {
      size = statSync(p).size;
    } catch {
      throw new ImageError(`blob ${d.digest} is missing from the layout`);
    }
    if (size > MAX_METADATA_BLOB) throw new ImageError(`blob ${d.digest} is ${size} bytes, over the ${MAX_METADATA_BLOB}-byte limit for manifests and configs`);
    const data = readFileSync(p);
    verifyBlob(data, d.digest!, d.size);
    return data;
  }
  async openBlob(d: Descriptor): Promise<Readable> {
    const p = this.path(d);
    try {
      statSync(p);
    } catch {
      throw new ImageError(`blob ${d.digest} is missing from the layout`);
    }
    return createReadStream(p, { highWaterMark: 256 * 1024 });
  }
}

/** Blobs of an OCI layout inside a tarball (oci-archive): read by offset, never extracted. */
export class LayoutTarBlobs implements BlobSource {
  constructor(private readonly tar: TarFile) {}
  member(d: Descriptor): TarMember {
    const { algorithm, hex } = parseDigest(d.digest ?? '');
    const m = this.tar.resolve(`blobs/${algorithm}/${hex}`);
    if (!m) throw new ImageError(`blob ${d.digest} is missing from the archive`);
    return m;
  }
  async readBlob(d: Descriptor): Promise<Buffer> {
    const m = this.member(d);
    if (m.size > MAX_METADATA_BLOB) throw new ImageError(`blob ${d.digest} is ${m.size} bytes, over the ${MAX_METADATA_BLOB}-byte limit for manifests and configs`);
    const data = this.tar.read(m);
    verifyBlob(data, d.digest!, d.size);
    return data;
  }
  async openBlob(d: Descriptor): Promise<Readable> {
    return this.tar.stream(this.member(d));
  }
}

function checkLayoutMarker(read: () => Buffer | undefined, where: string): void {
  const b = read();
  if (!b) throw new ImageError(`${where} is not an OCI image layout (no oci-layout file)`);
  try {
    const v = JSON.parse(b.toString('utf8')) as { imageLayoutVersion?: string };
    if (typeof v.imageLayoutVersion !== 'string') throw new Error('no imageLayoutVersion');
  } catch (err) {
    throw new ImageError(`${where}: bad oci-layout file (${(err as Error).message})`);
  }
}

export async function openOciLayoutDir(dir: string, tag: string | undefined, reference: string, opts: ImageOpenOptions): Promise<ResolvedImage> {
  checkLayoutMarker(() => {
    try {
      return readFileSync(join(dir, 'oci-layout'));
    } catch {
      return undefined;
    }
  }, dir);
  let index: Buffer;
  try {
    index = readFileSync(join(dir, 'index.json'));
  } catch {
    throw new ImageError(`${dir}: no index.json`);
  }
  const blobs = new LayoutDirBlobs(dir);
  const m = await resolveManifest(blobs, selectByTag(index, tag), opts.platform);
  return { reference, source: 'oci-layout', ...m, blobs };
}

export async function openOciArchive(file: string, tag: string | undefined, reference: string, opts: ImageOpenOptions): Promise<ResolvedImage> {
  const tar = TarFile.open(file);
  const get = (name: string) => {
    const m = tar.resolve(name);
    return m ? tar.read(m) : undefined;
  };
  checkLayoutMarker(() => get('oci-layout'), file);
  const index = get('index.json');
  if (!index) throw new ImageError(`${file}: no index.json in the archive`);
  const blobs = new LayoutTarBlobs(tar);
  const m = await resolveManifest(blobs, selectByTag(index, tag), opts.platform);
  return { reference, source: 'oci-archive', ...m, blobs };
}
