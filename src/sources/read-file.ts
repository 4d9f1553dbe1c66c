import { statSync } from 'node:fs';
import { readRegular, RefusedFileError } from './regular-file.js';
import { extname } from 'node:path';
import type { LoadProblem } from '../model/problem.js';
import { decodeBytes } from './decode.js';
import { fsProblem } from './fs-error.js';
import { loadText, type Loaded } from './manifests.js';

/** Files larger than this are reported, not read (a manifest that big is a mistake or an attack). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** `.json` files are one JSON document; everything else is a YAML stream. */
export function isJsonPath(path: string): boolean {
  return extname(path).toLowerCase() === '.json';
}

/**
 * Read one manifest file: its bytes are decoded (see decodeBytes) and dropped, the text is parsed
 * into objects. Never throws: a file that cannot be read, is too large, binary or badly encoded
 * is a problem with a location. `skipForeign` (files found walking a tree): a file with nothing
 * Kubernetes in it is skipped (see loadText).
 */
export async function readManifestFile(path: string, opts: { skipForeign?: boolean } = {}): Promise<Loaded> {
  const none = (problem: LoadProblem): Loaded => ({ objects: [], problems: [problem], documents: 0 });
  let bytes: Buffer;
  try {
    // Synchronous reads: parsing is synchronous work on this thread anyway, and for thousands of
    // small files fs/promises costs several times more than the reads themselves.
    const info = statSync(path);
    if (info.isDirectory()) return none(fsProblem(path, Object.assign(new Error('is a directory'), { code: 'EISDIR' })));
    if (info.size > MAX_FILE_BYTES) {
      return none({ code: 'invalid-manifest', message: `file is ${mib(info.size)} MiB, over the ${mib(MAX_FILE_BYTES)} MiB limit: not read`, file: path, line: 1, column: 1 });
    }
    // Opened and checked on the descriptor: a file swapped for a FIFO or a device since the walk is refused, not read.
    bytes = readRegular(path, MAX_FILE_BYTES, 'the file');
  } catch (err) {
    if (err instanceof RefusedFileError) return none({ code: 'invalid-manifest', message: err.message, file: path, line: 1, column: 1 });
    return none(fsProblem(path, err));
  }
  const decoded = decodeBytes(bytes, path);
  if (decoded.text === undefined) return { objects: [], problems: decoded.problems, documents: 0 };
  const loaded = loadText(decoded.text, path, { json: isJsonPath(path), ...(opts.skipForeign ? { skipForeign: true } : {}) });
  if (loaded.skipped) return loaded;
  loaded.problems.unshift(...decoded.problems);
  return loaded;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1);
}
