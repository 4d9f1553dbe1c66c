import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import * as tarStream from 'tar-stream';
import { parseDigest } from './digest.js';
import { ImageError } from './types.js';

/** One tar entry of a layer, as the layer reader hands it on. */
export interface LayerEntry {
  name: string;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  mode: number;
  size: number;
  uid: number;
  gid: number;
  linkname?: string;
}

export type Compression = 'gzip' | 'zstd' | 'none';

export function detectCompression(head: Buffer): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/**
 * One stage between the blob and the tar reader: hashes the stored bytes, sniffs the compression on the first
 * bytes, decompresses (gzip with zlib, zstd with fzstd, or nothing) and hashes the uncompressed tar.
 */
class LayerDecoder extends Transform {
  compressedBytes = 0;
  bytes = 0;
  compression: Compression | undefined;
  private head: Buffer[] = [];
  private headLen = 0;
  private inner: Transform | undefined;

  constructor(
    private readonly hashC: Hash | undefined,
    private readonly hashU: Hash | undefined,
    /** The descriptor's size: a hard limit on the stored bytes, and what they must add up to. */
    private readonly declaredSize: number | undefined,
    /** Cap on the uncompressed bytes (a gzip bomb stops here). */
    private readonly maxBytes: number,
  ) {
    super();
  }

  private out(chunk: Buffer): void {
    if (this.destroyed) return;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.inner?.destroy();
      this.destroy(new ImageError(`layer decompresses to more than ${describeBytes(this.maxBytes)} (the limit; --max-layer-size): not read further (a decompression bomb, or raise the limit)`));
      return;
    }
    this.hashU?.update(chunk);
    this.push(chunk);
  }

  /** Enough bytes seen (or the stream ended): choose the decompressor and feed it what was held back. */
  private start(cb: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.compression = detectCompression(head);
    if (this.compression !== 'none') {
      this.inner = this.compression === 'gzip' ? createGunzip() : zstdStream();
      this.inner.on('data', (c: Buffer) => this.out(c));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.feed(head, cb);
  }

  private feed(chunk: Buffer, cb: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length) this.out(chunk);
      cb();
    } else if (chunk.length === 0 || this.inner.write(chunk)) cb();
    else this.inner.once('drain', () => cb());
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.compressedBytes += chunk.length;
    if (this.declaredSize !== undefined && this.compressedBytes > this.declaredSize) {
      return cb(new ImageError(`layer blob is larger than its declared size of ${this.declaredSize} bytes: not the blob described`));
    }
    this.hashC?.update(chunk);
    if (this.compression !== undefined) return this.feed(chunk, cb);
    this.head.push(chunk);
    this.headLen += chunk.length;
    if (this.headLen < 4) return cb();
    this.start(cb);
  }

  override _flush(cb: TransformCallback): void {
    if (this.declaredSize !== undefined && this.compressedBytes !== this.declaredSize) {
      return cb(new ImageError(`layer is truncated: ${this.compressedBytes} bytes, its descriptor says ${this.declaredSize}`));
    }
    const finish = () => {
      if (!this.inner) return cb();
      this.inner.once('end', () => cb());
      this.inner.once('error', (err) => cb(err));
      this.inner.end();
    };
    if (this.compression === undefined) this.start((err) => (err ? cb(err) : finish()));
    else finish();
  }
}

function zstdStream(): Transform {
  let out: Transform;
  const d = new ZstdDecompress((chunk) => out.push(Buffer.from(chunk)));
  out = new Transform({
    transform(chunk: Buffer, _e, cb) {
      try {
        d.push(chunk);
        cb();
      } catch (err) {
        cb(new ImageError(`bad zstd data: ${(err as Error).message}`));
      }
    },
    flush(cb) {
      try {
        d.push(new Uint8Array(0), true);
        cb();
      } catch (err) {
        cb(new ImageError(`bad zstd data: ${(err as Error).message}`));
      }
    },
  });
  return out;
}

function entryType(t: string | null | undefined): LayerEntry['type'] {
  if (t === 'file' || t === 'contiguous-file') return 'file';
  if (t === 'directory' || t === 'symlink' || t === 'link') return t;
  return 'other';
}

/**
 * Stream one layer blob: verify its digest (the descriptor's, when known), its declared size (a hard limit:
 * nothing past it is read) and its diff id (the digest of the uncompressed tar, capped at `maxBytes`) while decompressing (gzip, zstd or none, sniffed from the bytes) and walking the tar.
 * `onEntry` must consume or drain the body. Throws an ImageError on corrupt data or a digest mismatch,
 * after `onEntry` has seen the entries read so far (the caller decides what to keep).
 */
/** Default cap on one layer's uncompressed size. */
export const DEFAULT_MAX_LAYER_BYTES = 16 * 1024 ** 3;

export function describeBytes(n: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) if (n >= size) return `${+(n / size).toFixed(1)} ${unit}`;
  return `${n} bytes`;
}

export async function readLayer(
  raw: Readable,
  expect: { digest?: string; diffId?: string; size?: number; maxBytes?: number },
  onEntry: (e: LayerEntry, body: Readable) => Promise<void>,
): Promise<{ compression: Compression; compressedBytes: number; bytes: number }> {
  const hashC = expect.digest ? createHash(parseDigest(expect.digest).algorithm) : undefined;
  const hashU = expect.diffId ? createHash(parseDigest(expect.diffId).algorithm) : undefined;
  const decoder = new LayerDecoder(hashC, hashU, expect.size, expect.maxBytes ?? DEFAULT_MAX_LAYER_BYTES);
  const extract = tarStream.extract();
  extract.on('entry', (h, body, next) => {
    const e: LayerEntry = {
      name: h.name,
      type: entryType(h.type),
      mode: h.mode ?? 0,
      size: h.size ?? 0,
      uid: h.uid ?? 0,
      gid: h.gid ?? 0,
    };
    if (h.linkname) e.linkname = h.linkname;
    onEntry(e, body as unknown as Readable).then(
      () => next(),
      (err: unknown) => next(err as Error),
    );
  });
  try {
    await (pipeline as (...s: unknown[]) => Promise<void>)(raw, decoder, extract);
  } catch (err) {
    const compression = decoder.compression;
    const msg = (err as Error).message || String(err);
    if (err instanceof ImageError) throw err;
    if (/unexpected end|premature close|Unexpected end of data/i.test(msg)) throw new ImageError(`layer is truncated (${msg})`);
    throw new ImageError(compression === 'gzip' && /header|check|invalid/i.test(msg) ? `bad gzip data: ${msg}` : `cannot read layer: ${msg}`);
  }
  if (hashC && expect.digest) {
    const got = `${parseDigest(expect.digest).algorithm}:${hashC.digest('hex')}`;
    if (got !== expect.digest) throw new ImageError(`layer digest mismatch: descriptor says ${expect.digest}, content is ${got}`);
  }
  if (hashU && expect.diffId) {
    const got = `${parseDigest(expect.diffId).algorithm}:${hashU.digest('hex')}`;
    if (got !== expect.diffId) throw new ImageError(`layer diff id mismatch: config says ${expect.diffId}, uncompressed content is ${got}`);
  }
  return { compression: decoder.compression ?? 'none', compressedBytes: decoder.compressedBytes, bytes: decoder.bytes };
}
