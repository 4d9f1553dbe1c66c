import { createHash, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
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

class HashTap extends Transform {
  bytes = 0;
  constructor(readonly hash: Hash | undefined) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash?.update(chunk);
    this.bytes += chunk.length;
    cb(null, chunk);
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

/** Read the first bytes of a stream to sniff the compression, then hand back a stream that still starts with them. */
async function peek(raw: Readable): Promise<{ head: Buffer; stream: Readable }> {
  const it = raw[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let len = 0;
  let done = false;
  while (len < 4) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    parts.push(r.value as Buffer);
    len += (r.value as Buffer).length;
  }
  const head = Buffer.concat(parts);
  async function* rest() {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value as Buffer;
    }
  }
  return { head, stream: Readable.from(rest(), { objectMode: false }) };
}

function entryType(t: string | null | undefined): LayerEntry['type'] {
  if (t === 'file' || t === 'contiguous-file') return 'file';
  if (t === 'directory' || t === 'symlink' || t === 'link') return t;
  return 'other';
}

/**
 * Stream one layer blob: verify its digest (the descriptor's, when known) and its diff id (the digest of the
 * uncompressed tar) while decompressing (gzip, zstd or none, sniffed from the bytes) and walking the tar.
 * `onEntry` must consume or drain the body. Throws an ImageError on corrupt data or a digest mismatch,
 * after `onEntry` has seen the entries read so far (the caller decides what to keep).
 */
export async function readLayer(
  raw: Readable,
  expect: { digest?: string; diffId?: string },
  onEntry: (e: LayerEntry, body: Readable) => Promise<void>,
): Promise<{ compression: Compression; compressedBytes: number; bytes: number }> {
  const hashC = expect.digest ? createHash(parseDigest(expect.digest).algorithm) : undefined;
  const hashU = expect.diffId ? createHash(parseDigest(expect.diffId).algorithm) : undefined;
  const tapC = new HashTap(hashC);
  const tapU = new HashTap(hashU);
  const { head, stream } = await peek(raw.pipe(tapC));
  raw.on('error', (err) => tapC.destroy(err));
  const compression = detectCompression(head);
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
  const stages: NodeJS.ReadWriteStream[] = [];
  if (compression === 'gzip') stages.push(createGunzip());
  else if (compression === 'zstd') stages.push(zstdStream());
  try {
    await (pipeline as (...s: unknown[]) => Promise<void>)(stream, ...stages, tapU, extract);
  } catch (err) {
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
  return { compression, compressedBytes: tapC.bytes, bytes: tapU.bytes };
}
