import { CorruptFileError, stanzas, textOf, type FileAnalyzer, type PackageDraft } from './types.js';

/** Fields of one deb822 stanza (continuation lines folded into their field). */
function fields(lines: string[], at: number): Map<string, string> {
  const f = new Map<string, string>();
  let last: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l[0] === ' ' || l[0] === '\t') {
      if (last === undefined) throw new CorruptFileError(`line ${at + i}: continuation line before any field`);
      f.set(last, `${f.get(last)}\n${l.trim()}`);
      continue;
    }
    const c = l.indexOf(':');
    if (c <= 0 || /\s/.test(l.slice(0, c))) throw new CorruptFileError(`line ${at + i}: "${l.slice(0, 40)}" is not a "Field: value" line`);
    last = l.slice(0, c).toLowerCase();
    f.set(last, l.slice(c + 1).trim());
  }
  return f;
}

/**
 * A dpkg status file (`var/lib/dpkg/status`, or a distroless `var/lib/dpkg/status.d/NAME`). Packages whose
 * status is not `installed` (deinstall, config-files, half-installed, not-installed) are skipped; a stanza without
 * a Status field (distroless) counts as installed. `Source: name (version)` gives the source package.
 */
export function parseDpkgStatus(text: string): PackageDraft[] {
  const out: PackageDraft[] = [];
  for (const st of stanzas(text)) {
    const f = fields(st.lines, st.line);
    const name = f.get('package');
    const version = f.get('version');
    if (!name || !version) continue;
    const status = f.get('status');
    if (status !== undefined) {
      const words = status.split(/\s+/);
      if (words[2] !== 'installed' || words[0] === 'deinstall' || words[0] === 'purge') continue;
    }
    const p: PackageDraft = { type: 'deb', name, version };
    const src = f.get('source');
    if (src) {
      const m = /^(\S+)(?:\s+\((\S+)\))?$/.exec(src);
      if (m) {
        if (m[1] !== name) p.sourceName = m[1];
        if (m[2] && m[2] !== version) p.sourceVersion = m[2];
      }
    }
    const arch = f.get('architecture');
    if (arch) p.arch = arch;
    out.push(p);
  }
  return out;
}

export const dpkgAnalyzer: FileAnalyzer = {
  id: 'dpkg',
  version: 1,
  required: (path) =>
    path === 'var/lib/dpkg/status' || (path.startsWith('var/lib/dpkg/status.d/') && !path.endsWith('.md5sums') && path.indexOf('/', 22) === -1),
  analyze: (_path, content) => parseDpkgStatus(textOf(content, 'dpkg status')),
};
