// The file-system side of `kubeward fix`: which files may be rewritten, reading them with a
// snapshot, and writing the fixed text so that no failure ever loses data.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fchownSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { decodeBytes } from '../sources/decode.js';
import { readRegular, RefusedFileError } from '../sources/regular-file.js';
import { describeFsError } from '../sources/fs-error.js';
import { isJsonPath, MAX_FILE_BYTES } from '../sources/read-file.js';
import type { FixInputFile } from './fix-files.js';

/** What the file looked like when it was read; a write goes ahead only if it still looks the same. */
export interface FileSnapshot {
  /** The path written: the real path of a symlink whose target is inside the tree. */
  target: string;
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
  sha256: string;
}

export interface FileToFix extends FixInputFile {
  bom: boolean;
  snapshot: FileSnapshot;
  /** Why the file is read (its fixes are computed and shown) but never written: a link out of the tree. */
  refuse?: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The trees being fixed: each directory argument, and the directory of each file argument, by real path. */
export function fixRoots(args: readonly string[]): string[] {
  const roots: string[] = [];
  for (const a of args) {
    if (a === '-') continue;
    try {
      const real = realpathSync(a);
      roots.push(statSync(real).isDirectory() ? real : dirname(real));
    } catch {
      // A missing argument is reported by the walk.
    }
  }
  return roots;
}

export function isInside(path: string, roots: readonly string[]): boolean {
  return roots.some((r) => {
    const rel = relative(r, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

/** How many of the given paths name each file (device and inode), to tell whether every hard link of a file is among them. */
export function linkCounts(paths: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of paths) {
    try {
      const s = statSync(p);
      if (s.nlink > 1) counts.set(`${s.dev}:${s.ino}`, (counts.get(`${s.dev}:${s.ino}`) ?? 0) + 1);
    } catch {
      // Reported when the file is read.
    }
  }
  return counts;
}

/**
 * Why `path` must not be rewritten, or undefined: a symlink whose target is outside the trees being
 * fixed, or a file with hard links outside them (a rewrite would write through to, or silently split
 * from, a file nobody asked to fix).
 */
export function linkPolicy(path: string, roots: readonly string[], counts: ReadonlyMap<string, number>): { target: string; refuse?: string } {
  const l = lstatSync(path);
  let target = path;
  if (l.isSymbolicLink()) {
    target = realpathSync(path);
    if (!isInside(target, roots)) return { target, refuse: `a symbolic link to ${target}, outside the tree being fixed: not written through` };
  }
  const s = statSync(target);
  if (s.nlink > 1) {
    const inTree = counts.get(`${s.dev}:${s.ino}`) ?? 1;
    if (inTree < s.nlink) {
      const outside = s.nlink - inTree;
      return { target, refuse: `it has ${s.nlink} hard links and ${outside} of them ${outside === 1 ? 'is' : 'are'} outside the tree being fixed: not written through` };
    }
  }
  return { target };
}

/** Read a file to fix with a snapshot of its state (and why it must not be rewritten, if so); undefined (with a note) when it cannot be read. */
export function readForFix(path: string, roots: readonly string[], counts: ReadonlyMap<string, number>, notes: string[]): FileToFix | undefined {
  let bytes: Buffer;
  let info: Stats;
  let target: string;
  let refuse: string | undefined;
  try {
    const policy = linkPolicy(path, roots, counts);
    target = policy.target;
    refuse = policy.refuse;
    info = statSync(target);
    if (!info.isFile()) {
      notes.push(`${path}: not a regular file`);
      return undefined;
    }
    if (info.size > MAX_FILE_BYTES) {
      notes.push(`${path}: too large to fix`);
      return undefined;
    }
    bytes = readRegular(target, MAX_FILE_BYTES);
  } catch (err) {
    notes.push(`${path}: ${err instanceof RefusedFileError ? err.message : describeFsError(err)}`);
    return undefined;
  }
  const decoded = decodeBytes(bytes, path);
  // Only clean UTF-8 is rewritten, so the bytes written are exactly the bytes read plus the fix.
  if (decoded.text === undefined || decoded.problems.length) {
    notes.push(`${path}: not fixed: ${decoded.problems[0]?.message ?? 'not text'}`);
    return undefined;
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const snapshot = { target, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino, dev: info.dev, sha256: sha256(bytes) };
  return { path, text: decoded.text, json: isJsonPath(path), bom, snapshot, ...(refuse ? { refuse } : {}) };
}

/** Why the file no longer matches its snapshot, or undefined. */
function changedSince(snap: FileSnapshot): string | undefined {
  let s: Stats;
  try {
    s = statSync(snap.target);
  } catch (err) {
    return `it cannot be read any more (${describeFsError(err)})`;
  }
  if (s.ino !== snap.ino || s.dev !== snap.dev) return 'it was replaced since it was read';
  if (s.size !== snap.size || s.mtimeMs !== snap.mtimeMs) return 'it changed since it was read';
  try {
    if (sha256(readFileSync(snap.target)) !== snap.sha256) return 'it changed since it was read';
  } catch (err) {
    return `it cannot be read any more (${describeFsError(err)})`;
  }
  return undefined;
}

/**
 * Replace the file with `bytes` without ever leaving it half-written: the new text goes to a temporary
 * file in the same directory (same mode and owner), is flushed, and is renamed over the original. The
 * write is refused when the file changed since its snapshot (size, mtime, inode or content), so an edit
 * made while `fix` ran is never lost. Returns why it was not written, or undefined when it was.
 */
export function writeFixedFile(snap: FileSnapshot, bytes: Buffer): string | undefined {
  const before = changedSince(snap);
  if (before) return `${before}; not overwritten (run fix again)`;
  const dir = dirname(snap.target);
  const temp = join(dir, `.${basename(snap.target)}.kubeward-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    const info = statSync(snap.target);
    fd = openSync(temp, 'wx', info.mode & 0o7777);
    if (info.uid !== process.getuid?.() || info.gid !== process.getgid?.()) {
      try {
        fchownSync(fd, info.uid, info.gid);
      } catch (err) {
        throw Object.assign(new Error(`cannot keep its owner ${info.uid}:${info.gid} (${describeFsError(err)})`), { kept: true });
      }
    }
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    const late = changedSince(snap);
    if (late) throw Object.assign(new Error(`${late}; not overwritten (run fix again)`), { kept: true });
    renameSync(temp, snap.target);
    return undefined;
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already failing.
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      // Not created, or already renamed.
    }
    return (err as { kept?: boolean }).kept ? (err as Error).message : `${describeFsError(err)}; the original is unchanged`;
  }
}
