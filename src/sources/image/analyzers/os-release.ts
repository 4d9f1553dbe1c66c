import type { Distro } from '../../../vuln/types.js';

/** Files the distro is read from, in order of preference. */
export const OS_RELEASE_FILES = ['etc/os-release', 'usr/lib/os-release', 'etc/alpine-release'] as const;

function unquote(v: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$|^'([^']*)'$/.exec(v);
  if (m) return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!;
  return v;
}

/** os-release(5): KEY=value lines, values optionally quoted. */
export function parseOsRelease(text: string): Distro | undefined {
  const f: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) f[m[1]!] = unquote(m[2]!.trim());
  }
  if (!f.ID) return undefined;
  const d: Distro = { id: f.ID.toLowerCase() };
  if (f.VERSION_ID) d.versionId = f.VERSION_ID;
  if (f.VERSION_CODENAME) d.codename = f.VERSION_CODENAME;
  else if (f.UBUNTU_CODENAME) d.codename = f.UBUNTU_CODENAME;
  if (f.PRETTY_NAME) d.prettyName = f.PRETTY_NAME;
  return d;
}

/** /etc/alpine-release holds only the version, e.g. `3.9.2`. */
export function parseAlpineRelease(text: string): Distro | undefined {
  const v = text.trim().split(/\s+/)[0];
  return v && /^\d/.test(v) ? { id: 'alpine', versionId: v } : undefined;
}
