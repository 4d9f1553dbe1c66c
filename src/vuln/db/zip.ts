/**
 * Entries of an in-memory zip archive, read with fflate. `openZip` lists the central directory once (no end
 * record throws `ZipError`); `entries` inflates the wanted entries in batches of about BATCH bytes, so memory
 * holds one batch, never the whole archive's content. A bad entry is reported alone: a batch that fails is split
 * in halves until the entry that fails is found, and the others are read.
 */
import { unzipSync, type Unzipped } from 'fflate';

export class ZipError extends Error {}

/** An entry larger than this when inflated is refused (a zip bomb, or not an advisory file). */
const MAX_ENTRY = 256 * 1024 * 1024;
/** Inflated bytes read in one pass over the archive. */
const BATCH = 64 * 1024 * 1024;

interface Listed {
  /** Position in the central directory (fflate's filter sees the entries in this order). */
  index: number;
  name: string;
  size: number;
  compression: number;
}

/** An entry read, or why it could not be. */
export type ZipEntry = { name: string; data: Buffer } | { name: string; error: ZipError };

export interface ZipArchive {
  /** The wanted file entries (directories left out), in the archive's order. */
  entries(wanted: (name: string) => boolean): Generator<ZipEntry>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function openZip(data: Uint8Array): ZipArchive {
  const listed: Listed[] = [];
  let index = 0;
  try {
    unzipSync(data, {
      filter: (f) => {
        if (!f.name.endsWith('/')) listed.push({ index, name: f.name, size: f.originalSize, compression: f.compression });
        index++;
        return false;
      },
    });
  } catch (err) {
    throw new ZipError(`not a zip file, or truncated (${message(err)})`);
  }

  /** One pass that inflates the entries at these directory positions. */
  const inflate = (batch: readonly Listed[]): Unzipped => {
    const at = new Set(batch.map((e) => e.index));
    let i = 0;
    return unzipSync(data, { filter: () => at.has(i++) });
  };
  const read = (batch: readonly Listed[]): ZipEntry[] => {
    let files: Unzipped;
    try {
      files = inflate(batch);
    } catch (err) {
      if (batch.length > 1) {
        const half = batch.length >> 1;
        return [...read(batch.slice(0, half)), ...read(batch.slice(half))];
      }
      const e = batch[0]!;
      return [{ name: e.name, error: new ZipError(`${e.compression === 8 ? 'corrupt deflate data' : 'damaged entry'}: ${message(err)}`) }];
    }
    return batch.map((e) => {
      const u = files[e.name]!;
      return { name: e.name, data: Buffer.from(u.buffer, u.byteOffset, u.byteLength) };
    });
  };

  return {
    *entries(wanted) {
      let batch: Listed[] = [];
      let bytes = 0;
      const names = new Set<string>();
      const flush = () => {
        const out = batch.length ? read(batch) : [];
        batch = [];
        bytes = 0;
        names.clear();
        return out;
      };
      for (const e of listed) {
        if (!wanted(e.name)) continue;
        let refused: string | undefined;
        if (e.compression !== 0 && e.compression !== 8) refused = `compression method ${e.compression} is not supported (stored and deflate are)`;
        else if (e.size > MAX_ENTRY) refused = `entry is ${e.size} bytes inflated, over the ${MAX_ENTRY}-byte limit`;
        if (refused) {
          yield* flush();
          yield { name: e.name, error: new ZipError(refused) };
          continue;
        }
        // fflate keys a pass's files by name: an entry whose name repeats goes to the next pass.
        if (batch.length && (bytes + e.size > BATCH || names.has(e.name))) yield* flush();
        batch.push(e);
        bytes += e.size;
        names.add(e.name);
      }
      yield* flush();
    },
  };
}
