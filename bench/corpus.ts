// The shared manifest corpus (../shared/corpus/manifests beside the repository), for benchmarks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's location. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** `KUBEWARD_CORPUS` (the corpus's `manifests` directory) overrides the default, for checkouts elsewhere (git worktrees). */
export const corpusDir = process.env.KUBEWARD_CORPUS ?? join(repoRoot, '..', 'shared', 'corpus', 'manifests');

export interface CorpusFile {
  /** Path relative to the corpus directory. */
  name: string;
  text: string;
}

/** Every file under the corpus directory (sorted); [] with a message when the corpus is absent. */
export function listCorpusFiles(dir = corpusDir): string[] {
  if (!existsSync(dir)) {
    console.log(`corpus not found at ${relative(process.cwd(), dir) || dir}; skipped`);
    return [];
  }
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Read the whole corpus into memory (UTF-8). */
export function readCorpus(dir = corpusDir): CorpusFile[] {
  return listCorpusFiles(dir).map((p) => ({ name: relative(dir, p), text: readFileSync(p, 'utf8') }));
}
