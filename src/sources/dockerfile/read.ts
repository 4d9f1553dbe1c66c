// Reading Dockerfiles from the command line's paths: files, directories (walked for Dockerfiles), stdin.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readRegular, RefusedFileError } from '../regular-file.js';
import { join } from 'node:path';
import type { Dockerfile } from '../../model/dockerfile.js';
import { decodeBytes } from '../decode.js';
import { describeFsError } from '../fs-error.js';
import { MAX_FILE_BYTES } from '../read-file.js';
import { parseDockerfile, type ParseOptions } from './parse.js';

/** `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile`, `prod.dockerfile`. */
export function isDockerfileName(name: string): boolean {
  // `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not a Dockerfile.
  if (/\.dockerignore$/i.test(name)) return false;
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface ReadDockerfiles {
  dockerfiles: Dockerfile[];
  /** Paths that could not be read, with why. */
  errors: string[];
}

function walk(dir: string, out: string[], errors: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    errors.push(`${dir}: cannot read directory: ${describeFsError(err)}`);
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    let info;
    try {
      info = statSync(p);
    } catch {
      continue;
    }
    if (info.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) walk(p, out, errors);
    } else if (info.isFile() && isDockerfileName(name)) out.push(p);
    else if (!info.isFile() && isDockerfileName(name)) errors.push(`${p}: not a regular file (a FIFO, a device or a socket): not read`);
  }
}

function readText(path: string, errors: string[], explicit: boolean): string | undefined {
  try {
    const info = statSync(path);
    if (info.size > MAX_FILE_BYTES) {
      errors.push(`${path}: too large to be a Dockerfile: not read`);
      return undefined;
    }
    // A FIFO named on the command line (`<(...)`) is read to its end; anything else must be a regular file
    // (a device, or a FIFO found in a tree, is refused at once, never read forever or waited on).
    const bytes = explicit && info.isFIFO() ? readFileSync(path) : readRegular(path, MAX_FILE_BYTES);
    const decoded = decodeBytes(bytes, path);
    if (decoded.text === undefined) errors.push(`${path}: ${decoded.problems[0]?.message ?? 'not text'}`);
    return decoded.text;
  } catch (err) {
    errors.push(err instanceof RefusedFileError ? err.message : `${path}: ${describeFsError(err)}`);
    return undefined;
  }
}

/**
 * Read and parse the Dockerfiles that `paths` name: a file is read whatever its name, a directory is
 * walked (sorted, skipping node_modules and .git) for files named like Dockerfiles, and `-` reads
 * `stdin` (given as text). A path that cannot be read is an error; the others are still read.
 */
export function readDockerfiles(paths: readonly string[], opts: ParseOptions & { stdin?: () => string } = {}): ReadDockerfiles {
  const errors: string[] = [];
  const files: string[] = [];
  const dockerfiles: Dockerfile[] = [];
  const explicit = new Set<string>();
  for (const arg of paths) {
    if (arg === '-') {
      dockerfiles.push(parseDockerfile(opts.stdin?.() ?? '', '<stdin>', opts));
      continue;
    }
    let info;
    try {
      info = statSync(arg);
    } catch (err) {
      errors.push(`${arg}: ${describeFsError(err)}`);
      continue;
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      walk(arg, found, errors);
      if (found.length === 0) errors.push(`${arg}: no Dockerfile (Dockerfile, Containerfile, *.Dockerfile) in this directory`);
      files.push(...found);
    } else {
      files.push(arg);
      explicit.add(arg);
    }
  }
  for (const f of [...new Set(files)]) {
    const text = readText(f, errors, explicit.has(f));
    if (text !== undefined) dockerfiles.push(parseDockerfile(text, f, opts));
  }
  return { dockerfiles, errors };
}
