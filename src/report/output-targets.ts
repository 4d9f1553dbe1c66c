// Where reports may be written: never over an input, never two formats into one file, and a missing
// directory only inside the working tree. Pure: the file system is seen through `probe`.
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';

/** What the file system holds at a path (following symlinks): its real path, identity (device:inode), and whether it is a directory. */
export interface PathInfo {
  real: string;
  id: string;
  dir: boolean;
}

export type PathProbe = (absolutePath: string) => PathInfo | undefined;

/** Extensions a directory walk reads as manifests (kept in step with sources/walk.ts). */
const WALKED = new Set(['.yaml', '.yml', '.json']);

const inside = (root: string, p: string) => {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Errors for output specs (`format` to `file`; no file: stdout): a file that is an input of the run
 * (named as an argument, or read by the walk of an input directory, also through a link), two formats
 * naming one file, and a missing directory outside `cwd` (kubeward creates missing output directories
 * only inside the working tree).
 */
export function outputTargetErrors(outputs: readonly { format: string; file?: string }[], inputs: readonly string[], cwd: string, probe: PathProbe): string[] {
  const errors: string[] = [];
  const inputInfos = inputs.filter((i) => i !== '-').map((i) => ({ arg: i, info: probe(resolve(cwd, i)) })).filter((x) => x.info !== undefined) as { arg: string; info: PathInfo }[];
  const claimed = new Map<string, { format: string; file: string }>();
  for (const out of outputs) {
    if (!out.file) continue;
    const abs = resolve(cwd, out.file);
    const parent = probe(dirname(abs));
    const here = probe(abs);
    // Identity of the target: the file's real path if it exists, else its real parent + name.
    const key = here ? here.real : parent ? resolve(parent.real, basename(abs)) : abs;
    const other = claimed.get(key);
    if (other) errors.push(`${other.format} and ${out.format} both write ${other.file}${other.file === out.file ? '' : ` (${out.file})`}: give each format its own file`);
    else claimed.set(key, { format: out.format, file: out.file });
    if (here && !here.dir) {
      const input = inputInfos.find(({ info }) => (info.dir ? inside(info.real, here.real) && WALKED.has(extname(here.real).toLowerCase()) : info.id === here.id));
      if (input) errors.push(`--output ${out.file} is an input of this scan (${input.arg}): writing the report there would destroy it`);
    }
    if (!parent) {
      const missing = dirname(abs);
      if (!inside(cwd, missing)) errors.push(`output directory ${missing} does not exist (kubeward creates missing directories only inside the working directory): create it first`);
    }
  }
  return errors;
}
