import { CorruptFileError, stanzas, textOf, type FileAnalyzer, type PackageDraft } from './types.js';

/**
 * Alpine's installed database (`lib/apk/db/installed`): one stanza per package with single-letter keys
 * (P name, V version, A arch, o origin, L license). Stanzas without P or V are skipped, as apk does.
 */
export function parseApkInstalled(text: string): PackageDraft[] {
  const out: PackageDraft[] = [];
  for (const st of stanzas(text)) {
    const f: Record<string, string> = {};
    for (const l of st.lines) {
      if (l.length < 2 || l[1] !== ':') throw new CorruptFileError(`line ${st.line}: "${l.slice(0, 40)}" is not a KEY:value line`);
      if (!(l[0]! in f)) f[l[0]!] = l.slice(2);
    }
    if (!f.P || !f.V) continue;
    const p: PackageDraft = { type: 'apk', name: f.P, version: f.V };
    if (f.o && f.o !== f.P) p.sourceName = f.o;
    if (f.L) p.licenses = [f.L];
    if (f.A) p.arch = f.A;
    out.push(p);
  }
  return out;
}

export const apkAnalyzer: FileAnalyzer = {
  id: 'apk',
  version: 1,
  required: (path) => path === 'lib/apk/db/installed',
  analyze: (_path, content) => parseApkInstalled(textOf(content, 'apk installed database')),
};
