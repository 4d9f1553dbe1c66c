import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Names of the configuration file, in order of preference within one directory. */
export const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'] as const;

async function kindOf(path: string): Promise<'file' | 'dir' | 'other' | 'missing'> {
  try {
    const s = await stat(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * The configuration that applies to a scanned path: the first `.kubeward.yaml` (or `.yml`) found
 * in the path itself when it is a directory, else in its directory, and then in each parent up to
 * the filesystem root. `file` is an absolute path. Undefined when there is none. Throws an Error
 * with a clear message when a config file is found but cannot be read.
 */
export async function findConfig(startPath: string): Promise<{ file: string; text: string } | undefined> {
  const start = resolve(startPath);
  let dir = (await kindOf(start)) === 'dir' ? start : dirname(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = join(dir, name);
      if ((await kindOf(file)) === 'file') return { file, text: await readTextFile(file, 'config file') };
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    default: return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Read a UTF-8 text file (configuration, exceptions file, baseline report). Throws an Error whose
 * message names what the file is for, its path and why it could not be read, e.g.
 * `cannot read exceptions file "ex.yaml": no such file`. A leading byte-order mark is dropped.
 */
export async function readTextFile(path: string, what = 'file'): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${what} "${path}": ${reasonOf(err)}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A path written in a config file, resolved against that file's directory (absolute paths are kept). */
export function resolveFromConfig(configFile: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(configFile), path);
}
