import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Dirent, Stats } from 'node:fs';
import type { LoadProblem } from '../model/problem.js';
import { describeFsError, fsProblem } from './fs-error.js';
import { IGNORE_FILE, IgnoreRules } from './ignore-rules.js';
import { KUSTOMIZATION_FILES } from './kustomize.js';

/** One thing to read, in the order results are reported. */
export type InputEntry =
  /** `inTree`: found while walking a directory (not named): skipped when it is not Kubernetes at all. */
  | { kind: 'file'; path: string; inTree?: boolean }
  /** A named pipe or similar (`<(helm template ...)`): read as a stream, like stdin. */
  | { kind: 'stream'; path: string }
  | { kind: 'stdin' }
  | { kind: 'helm'; dir: string }
  | { kind: 'kustomize'; dir: string; file: string };

export interface Walked {
  entries: InputEntry[];
  problems: LoadProblem[];
  warnings: string[];
  /** Arguments that cannot be read at all (missing, unreadable directory): the scan must fail, not pass. */
  errors: string[];
}

/** Extensions read when walking a directory; a file named explicitly is read whatever its name. */
export const MANIFEST_EXTENSIONS: ReadonlySet<string> = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * Expand command-line arguments into inputs: `-` is stdin; a file is read whatever its extension;
 * a directory is a Helm chart (has Chart.yaml: rendered), a Kustomize root (has a kustomization
 * file: rendered), or a tree walked recursively for .yaml/.yml/.json files, sorted, skipping
 * node_modules, .git and whatever `.kubewardignore` files exclude.
 *
 * Inside a tree, a Helm chart is rendered (its templates are not YAML and must never be parsed raw),
 * but a kustomization directory is scanned as plain files: a repository holds bases and the overlays
 * built on them, and rendering each would report the same objects several times. Its kustomization
 * file itself is skipped (it is kustomize's config, not a manifest). Name the overlay directory to
 * render it.
 *
 * Directories are tracked by real path, so symlink loops end and a linked tree is walked once; a
 * file reached twice is read once, a chart rendered once. Rendering a kustomization is tracked apart
 * from walking it, so `kubeward scan overlays/prod .` renders the overlay and also reads its files.
 * A path named on the command line that is missing or unreadable is an error (the walk goes on, the caller
 * fails); one found missing inside a tree (a dangling symlink) is a problem.
 */
export async function walkInputs(args: string[]): Promise<Walked> {
  const w = new Walker();
  for (const arg of args) await w.argument(arg);
  return { entries: w.entries, problems: w.problems, warnings: w.warnings, errors: w.errors };
}

class Walker {
  readonly entries: InputEntry[] = [];
  readonly problems: LoadProblem[] = [];
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  private readonly seen = new Set<string>();
  private stdin = false;

  async argument(raw: string): Promise<void> {
    if (raw === '-') {
      if (this.stdin) this.warnings.push('"-" (stdin) given more than once: read once');
      else this.entries.push({ kind: 'stdin' });
      this.stdin = true;
      return;
    }
    const arg = raw.length > 1 ? raw.replace(/[\\/]+$/, '') || raw : raw;
    let info: Stats;
    try {
      info = await stat(arg);
    } catch (err) {
      this.errors.push(`${arg}: ${describeFsError(err)}: check the path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)`);
      return;
    }
    const real = await realOrSelf(arg);
    if (info.isDirectory()) await this.directory(arg, real, IgnoreRules.none(), true);
    else this.file(arg, real, kindOf(info), true);
  }

  private async stat(path: string, report: boolean): Promise<Stats | undefined> {
    try {
      return await stat(path);
    } catch (err) {
      if (report) this.problems.push(fsProblem(path, err));
      return undefined;
    }
  }

  /** First visit of a real path in this role? (directories: loop guard; files: read once; charts: render once) */
  private firstVisit(real: string, as: 'file' | 'dir' | 'helm' | 'kustomize'): boolean {
    const key = `${as}:${real}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  /** A FIFO is read as a stream only when named on the command line (`<(helm template ...)`); inside a tree it is refused, never waited on. */
  private file(path: string, real: string, kind: EntryKind, isArgument: boolean): void {
    if (!this.firstVisit(real, 'file')) return;
    if (kind === 'file') this.entries.push(isArgument ? { kind: 'file', path } : { kind: 'file', path, inTree: true });
    else if (kind === 'fifo' && isArgument) this.entries.push({ kind: 'stream', path });
    else {
      const message = kind === 'fifo' ? 'a FIFO (named pipe) inside a directory: not read (name it on the command line to read it as a stream)' : 'not a regular file';
      this.problems.push({ code: 'invalid-manifest', message, file: path, line: 1, column: 1 });
    }
  }

  /** `real` is the directory's real path: a child that is not a symlink has real path `real/name`, no syscall needed. */
  private async directory(dir: string, real: string, rules: IgnoreRules, isArgument: boolean): Promise<void> {
    let children: Dirent[];
    try {
      children = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (err) {
      if (isArgument) this.errors.push(`${dir}: cannot read directory: ${describeFsError(err)}`);
      else this.problems.push(fsProblem(dir, err, 'cannot read directory: '));
      return;
    }
    const names = children.map((c) => c.name);
    if (names.includes('Chart.yaml')) {
      if (this.firstVisit(real, 'helm')) this.entries.push({ kind: 'helm', dir });
      return;
    }
    const kustomization = KUSTOMIZATION_FILES.find((f) => names.includes(f));
    if (isArgument && kustomization) {
      // Rendering is tracked apart from plain walking: naming an overlay and its parent tree does both.
      if (this.firstVisit(real, 'kustomize')) this.entries.push({ kind: 'kustomize', dir, file: join(dir, kustomization) });
      return;
    }
    if (!this.firstVisit(real, 'dir')) return;
    const here = await rules.enter(dir, names.includes(IGNORE_FILE), (m) => this.warnings.push(m));
    for (const child of children) {
      const name = child.name;
      if (name === IGNORE_FILE) continue;
      const path = join(dir, name);
      const isManifest = MANIFEST_EXTENSIONS.has(extname(name).toLowerCase());
      let kind = kindOf(child);
      let childReal = join(real, name);
      if (child.isSymbolicLink()) {
        // A dangling symlink with a manifest's name is reported; other unreadable names are not ours.
        const info = await this.stat(path, isManifest);
        if (!info) continue;
        kind = kindOf(info);
        childReal = await realOrSelf(path);
      }
      if (kind === 'dir') {
        if (!SKIPPED_DIRS.has(name) && !here.ignores(path, true)) await this.directory(path, childReal, here, false);
      } else if (isManifest && !isKustomizationFile(name) && !here.ignores(path, false)) {
        this.file(path, childReal, kind, false);
      }
    }
  }
}

type EntryKind = 'dir' | 'file' | 'fifo' | 'other';

function kindOf(e: Stats | Dirent): EntryKind {
  return e.isDirectory() ? 'dir' : e.isFile() ? 'file' : e.isFIFO() ? 'fifo' : 'other';
}

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

function isKustomizationFile(name: string): boolean {
  return (KUSTOMIZATION_FILES as readonly string[]).includes(name);
}
