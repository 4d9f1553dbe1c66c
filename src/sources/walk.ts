import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Stats } from 'node:fs';
import type { LoadProblem } from '../model/problem.js';
import { fsProblem } from './fs-error.js';
import { IGNORE_FILE, IgnoreRules } from './ignore-rules.js';
import { KUSTOMIZATION_FILES } from './kustomize.js';

/** One thing to read, in the order results are reported. */
export type InputEntry =
  | { kind: 'file'; path: string }
  /** A named pipe or similar (`<(helm template ...)`): read as a stream, like stdin. */
  | { kind: 'stream'; path: string }
  | { kind: 'stdin' }
  | { kind: 'helm'; dir: string }
  | { kind: 'kustomize'; dir: string; file: string };

export interface Walked {
  entries: InputEntry[];
  problems: LoadProblem[];
  warnings: string[];
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
 * A missing path is a problem, and the walk goes on.
 */
export async function walkInputs(args: string[]): Promise<Walked> {
  const w = new Walker();
  for (const arg of args) await w.argument(arg);
  return { entries: w.entries, problems: w.problems, warnings: w.warnings };
}

class Walker {
  readonly entries: InputEntry[] = [];
  readonly problems: LoadProblem[] = [];
  readonly warnings: string[] = [];
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
    const info = await this.stat(arg, true);
    if (!info) return;
    if (info.isDirectory()) await this.directory(arg, IgnoreRules.none(), true);
    else await this.file(arg, info);
  }

  private async stat(path: string, report: boolean): Promise<Stats | undefined> {
    try {
      return await stat(path);
    } catch (err) {
      if (report) this.problems.push(fsProblem(path, err));
      return undefined;
    }
  }

  /** First visit of a real path? (directories: loop guard; files: read once) */
  private async firstVisit(path: string, as: 'file' | 'dir' | 'helm' | 'kustomize'): Promise<boolean> {
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      real = path;
    }
    const key = `${as}:${real}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  private async file(path: string, info: Stats): Promise<void> {
    if (!(await this.firstVisit(path, 'file'))) return;
    if (info.isFile()) this.entries.push({ kind: 'file', path });
    else if (info.isFIFO()) this.entries.push({ kind: 'stream', path });
    else this.problems.push({ code: 'invalid-manifest', message: 'not a regular file', file: path, line: 1, column: 1 });
  }

  private async directory(dir: string, rules: IgnoreRules, isArgument: boolean): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (err) {
      this.problems.push(fsProblem(dir, err, 'cannot read directory: '));
      return;
    }
    if (names.includes('Chart.yaml')) {
      if (await this.firstVisit(dir, 'helm')) this.entries.push({ kind: 'helm', dir });
      return;
    }
    const kustomization = KUSTOMIZATION_FILES.find((f) => names.includes(f));
    if (isArgument && kustomization) {
      // Rendering is tracked apart from plain walking: naming an overlay and its parent tree does both.
      if (await this.firstVisit(dir, 'kustomize')) this.entries.push({ kind: 'kustomize', dir, file: join(dir, kustomization) });
      return;
    }
    if (!(await this.firstVisit(dir, 'dir'))) return;
    const here = await rules.enter(dir, names.includes(IGNORE_FILE), (m) => this.warnings.push(m));
    for (const name of names) {
      if (name === IGNORE_FILE) continue;
      const path = join(dir, name);
      const isManifest = MANIFEST_EXTENSIONS.has(extname(name).toLowerCase());
      // A dangling symlink with a manifest's name is reported; other unreadable names are not ours.
      const info = await this.stat(path, isManifest);
      if (!info) continue;
      if (info.isDirectory()) {
        if (!SKIPPED_DIRS.has(name) && !here.ignores(path, true)) await this.directory(path, here, false);
      } else if (isManifest && !isKustomizationFile(name) && !here.ignores(path, false)) {
        await this.file(path, info);
      }
    }
  }
}

function isKustomizationFile(name: string): boolean {
  return (KUSTOMIZATION_FILES as readonly string[]).includes(name);
}
