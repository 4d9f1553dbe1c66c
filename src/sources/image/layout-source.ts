import { closeSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseDigest, verifyBlob } from './digest.js';
import { MAX_METADATA_BLOB, resolveManifest, selectByTag } from './resolve.js';
import { openRegular, readRegular, RefusedFileError } from '../regular-file.js';
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
    const data = readLayoutFile(p, MAX_METADATA_BLOB, `blob ${d.digest}`, 'the layout');
    verifyBlob(data, d.digest!, d.size);
    return data;
  }
  async openBlob(d: Descriptor): Promise<Readable> {
    const p = this.path(d);
    let opened: { fd: number; size: number };
    try {
      opened = openRegular(p, `blob ${d.digest}`);
    } catch (err) {
      throw blobError(err, `blob ${d.digest}`, 'the layout');
    }
    const { fd, size } = opened;
    // The declared size is a hard limit: a blob of another size is not the one described, and nothing past it is read.
    if (d.size !== undefined && size !== d.size) {
      closeSync(fd);
      throw new ImageError(`blob ${d.digest} is ${size} bytes, its descriptor says ${d.size}`);
    }
    if (size === 0) {
      closeSync(fd);
      return Readable.from([]);
    }
    return createReadStream('', { fd, start: 0, end: size - 1, highWaterMark: 256 * 1024 });
  }
}

function blobError(err: unknown, label: string, where: string): Error {
  if (err instanceof RefusedFileError) return new ImageError(err.message);
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new ImageError(`${label} is missing from ${where}`);
  return new ImageError(`${label}: ${(err as Error).message}`);
}

/** A small file of a layout (index.json, oci-layout, a manifest or config blob): regular, size-capped. */
function readLayoutFile(path: string, max: number, label: string, where: string): Buffer {
  try {
    return readRegular(path, max, label);
  } catch (err) {
    throw blobError(err, label, where);
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
    const m = this.member(d);
    if (d.size !== undefined && m.size !== d.size) throw new ImageError(`blob ${d.digest} is ${m.size} bytes, its descriptor says ${d.size}`);
    return this.tar.stream(m);
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
      return readRegular(join(dir, 'oci-layout'), MAX_METADATA_BLOB, `${dir}/oci-layout`);
    } catch (err) {
      if (err instanceof RefusedFileError) throw new ImageError(err.message);
      return undefined;
    }
  }, dir);
  let index: Buffer;
  try {
    index = readRegular(join(dir, 'index.json'), MAX_METADATA_BLOB, `${dir}/index.json`);
  } catch (err) {
    if (err instanceof RefusedFileError) throw new ImageError(err.message);
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
