// The sources of an ADD instruction, classified: remote URL, git repository, local archive, local file.
import type { Dockerfile, Instruction } from '../../model/dockerfile.js';
import type { Position } from '../../model/position.js';
import { variablesAt } from '../../model/dockerfile-stages.js';
import { expandWord, splitWords } from '../../model/dockerfile-words.js';

export type AddSourceKind = 'url' | 'git' | 'archive' | 'local' | 'unknown';

export interface AddSource {
  value: string;
  kind: AddSourceKind;
  position: Position;
}

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma)$/i;
const GIT = /^(git@[^:]+:|git:\/\/|ssh:\/\/)|\.git(#.*)?$/i;

/** A URL with any `user:password@` replaced, so messages never carry credentials. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i, '$1***@');
}

export function addSources(df: Dockerfile, ins: Instruction): AddSource[] {
  if (ins.keyword !== 'ADD') return [];
  const lookup = variablesAt(df, ins);
  let items: { raw: string; position: Position }[];
  if (ins.json) {
    const at = ins.args.positionAt(0);
    items = ins.json.map((raw) => ({ raw, position: at }));
  } else {
    items = splitWords(ins.args.text, df.escape).map((w) => ({ raw: w.raw, position: ins.args.positionAt(w.start) }));
  }
  // The last word is the destination; heredoc sources (`<<EOF`) are inline files.
  return items.slice(0, -1).filter((it) => !it.raw.startsWith('<<')).map(({ raw, position }) => {
    const v = ins.json ? { value: raw, unresolved: false } : expandWord(raw, lookup, df.escape);
    const value = v.value;
    let kind: AddSourceKind;
    if (v.unresolved) kind = 'unknown';
    else if (GIT.test(value) || (/^https?:\/\//i.test(value) && /\.git(#|$)/i.test(value))) kind = 'git';
    else if (/^https?:\/\//i.test(value)) kind = 'url';
    else if (ARCHIVE.test(value)) kind = 'archive';
    else kind = 'local';
    return { value, kind, position };
  });
}
