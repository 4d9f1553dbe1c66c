import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { describeFsError } from './fs-error.js';

export const IGNORE_FILE = '.kubewardignore';

/** The rules of one `.kubewardignore`, which apply to the subtree of the directory holding it. */
interface Scope {
  base: string;
  rules: Ignore;
}

/**
 * The `.kubewardignore` files in force in a directory: its own and its ancestors' within the walk,
 * outermost first. Gitignore syntax; a deeper file's rules (including `!negations`) win, as in git.
 */
export class IgnoreRules {
  private constructor(private readonly scopes: readonly Scope[]) {}

  static none(): IgnoreRules {
    return new IgnoreRules([]);
  }

  /** The rules for `dir`: these plus `dir/.kubewardignore` when `hasFile`. Unreadable files are warnings. */
  async enter(dir: string, hasFile: boolean, warn: (message: string) => void): Promise<IgnoreRules> {
    if (!hasFile) return this;
    const path = join(dir, IGNORE_FILE);
    try {
      const rules = ignore().add(await readFile(path, 'utf8'));
      return new IgnoreRules([...this.scopes, { base: dir, rules }]);
    } catch (err) {
      warn(`cannot read ${path}: ${describeFsError(err)}; its rules are not applied`);
      return this;
    }
  }

  /** Is `path` (a file, or a directory when `isDir`) excluded? */
  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { base, rules } of this.scopes) {
      const rel = relative(base, path).split(sep).join('/');
      if (rel === '' || rel.startsWith('..')) continue;
      try {
        const r = rules.test(isDir ? `${rel}/` : rel);
        if (r.ignored) ignored = true;
        else if (r.unignored) ignored = false;
      } catch {
        // a path the ignore library refuses to judge is not ignored
      }
    }
    return ignored;
  }
}
