import type { Package } from '../../../vuln/types.js';

/** A package as a parser sees it: the purl and the layer are added once the distro and the layer are known. */
export type PackageDraft = Omit<Package, 'purl' | 'location'> & {
  purl?: string;
  /** Inside the file, when it is not the file itself (a jar inside a war): `app.war!/WEB-INF/lib/x.jar`. */
  location?: { path: string };
  /** Architecture as the package manager states it (purl qualifier `arch`). */
  arch?: string;
};

export interface FileInfo {
  size: number;
  mode: number;
}

/**
 * One package format. `required` is a cheap filter on the path inside the image (no leading slash) and the
 * tar header: only files some analyzer requires are kept in memory, one at a time, while the layer streams.
 * `analyze` is a pure parser over the file's bytes; it throws on a corrupt file (reported per file).
 */
export interface FileAnalyzer {
  id: string;
  /** Bumped when the parser's output changes (for caches). */
  version: number;
  required(path: string, info: FileInfo): boolean;
  analyze(path: string, content: Buffer): PackageDraft[] | Promise<PackageDraft[]>;
}

export class CorruptFileError extends Error {}

/** Split a text into blank-line-separated stanzas of lines (apk installed, dpkg status). */
export function stanzas(text: string): { lines: string[]; line: number }[] {
  const out: { lines: string[]; line: number }[] = [];
  let cur: string[] = [];
  let start = 1;
  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const l = all[i]!;
    if (l.trim() === '') {
      if (cur.length) out.push({ lines: cur, line: start });
      cur = [];
      start = i + 2;
    } else cur.push(l);
  }
  if (cur.length) out.push({ lines: cur, line: start });
  return out;
}

/** Text of a file as UTF-8; a NUL byte in a text database means it is not one. */
export function textOf(content: Buffer, what: string): string {
  if (content.includes(0)) throw new CorruptFileError(`${what} contains NUL bytes: not a text database`);
  return content.toString('utf8');
}
