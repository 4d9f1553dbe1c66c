/**
 * A zip reader over an in-memory archive: the central directory (with ZIP64) is read once, then each entry is
 * inflated on demand with node:zlib, so only one decompressed entry is held at a time. Structural damage
 * (no end record, a directory that points outside the file) throws `ZipError`; a bad entry throws when read.
 */
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  size: number;
  read(): Buffer;
}

/** An entry larger than this when inflated is refused (a zip bomb, or not an advisory file). */
const MAX_ENTRY = 256 * 1024 * 1024;

function findEnd(data: Buffer): number {
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) if (data.readUInt32LE(i) === 0x06054b50) return i;
  throw new ZipError('no end-of-central-directory record (not a zip file, or truncated)');
}

export function zipEntries(data: Buffer): ZipEntry[] {
  const end = findEnd(data);
  let count = data.readUInt16LE(end + 10);
  let dirOffset = data.readUInt32LE(end + 16);
  // ZIP64: a locator just before the end record points at the 64-bit end record.
  if (end >= 20 && data.readUInt32LE(end - 20) === 0x07064b50) {
    const z = Number(data.readBigUInt64LE(end - 12));
    if (z + 56 > data.length || data.readUInt32LE(z) !== 0x06064b50) throw new ZipError('bad ZIP64 end record');
    count = Number(data.readBigUInt64LE(z + 32));
    dirOffset = Number(data.readBigUInt64LE(z + 48));
  }
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) throw new ZipError(`central directory entry ${i} is damaged`);
    const method = data.readUInt16LE(p + 10);
    let csize = data.readUInt32LE(p + 20);
    let usize = data.readUInt32LE(p + 24);
    const nlen = data.readUInt16LE(p + 28);
    const xlen = data.readUInt16LE(p + 30);
    const clen = data.readUInt16LE(p + 32);
    let local = data.readUInt32LE(p + 42);
    const name = data.toString('utf8', p + 46, p + 46 + nlen);
    // ZIP64 extra field: the 64-bit values of the fields that are 0xFFFFFFFF, in this order.
    for (let x = p + 46 + nlen; x + 4 <= p + 46 + nlen + xlen; ) {
      const id = data.readUInt16LE(x);
      const len = data.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (usize === 0xffffffff) (usize = Number(data.readBigUInt64LE(q)), (q += 8));
        if (csize === 0xffffffff) (csize = Number(data.readBigUInt64LE(q)), (q += 8));
        if (local === 0xffffffff) local = Number(data.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    p += 46 + nlen + xlen + clen;
    if (name.endsWith('/')) continue;
    entries.push({
      name,
      size: usize,
      read: () => {
        if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) throw new ZipError('local header missing (truncated archive?)');
        const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
        if (start + csize > data.length) throw new ZipError('entry data runs past the end of the archive');
        if (usize > MAX_ENTRY) throw new ZipError(`entry is ${usize} bytes inflated, over the ${MAX_ENTRY}-byte limit`);
        const raw = data.subarray(start, start + csize);
        if (method === 0) return raw;
        if (method !== 8) throw new ZipError(`compression method ${method} is not supported (stored and deflate are)`);
        try {
          return inflateRawSync(raw, { maxOutputLength: MAX_ENTRY });
        } catch (err) {
          throw new ZipError(`corrupt deflate data: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    });
  }
  return entries;
}
