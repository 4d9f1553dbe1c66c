import type { LoadProblem } from '../model/problem.js';

const MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EFBIG: 'file too large (over the file-size limit)',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
};

/** A file-system error in words a user reads ("no such file or directory"), without the stack. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && MESSAGES[code]) return MESSAGES[code]!;
  return err instanceof Error ? err.message : String(err);
}

/** A path that cannot be read becomes a problem at its line 1, column 1; the scan goes on. */
export function fsProblem(file: string, err: unknown, prefix = ''): LoadProblem {
  return { code: 'invalid-manifest', message: prefix + describeFsError(err), file, line: 1, column: 1 };
}
