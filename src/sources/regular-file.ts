// Reading only regular files: a FIFO, a device or a socket (or a symlink to one: `index.json` →
// `/dev/zero`) is refused at once, never read until it ends (it may never end) or blocked on.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

export class RefusedFileError extends Error {
  readonly code = 'ENOTREG';
}

function what(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  if (s.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/**
 * Open `path` for reading only if it is a regular file (symlinks followed; the check is on the opened
 * descriptor, so nothing can be swapped in between). O_NONBLOCK: opening a FIFO never waits for a writer.
 * The caller closes the descriptor.
 */
export function openRegular(path: string, label = path): { fd: number; size: number } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new RefusedFileError(`${label} is ${what(s)}, not a regular file: not read`);
    return { fd, size: s.size };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** The bytes of a regular file of at most `max` bytes; a bigger one is an error naming `label`, never read. */
export function readRegular(path: string, max: number, label = path): Buffer {
  const { fd, size } = openRegular(path, label);
  try {
    if (size > max) throw new RefusedFileError(`${label} is ${size} bytes, over the ${max}-byte limit: not read`);
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? buf : buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}
