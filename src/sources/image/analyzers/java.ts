import { unzipSync } from 'fflate';
import { CorruptFileError, type FileAnalyzer, type PackageDraft } from './types.js';

const ARCHIVE = /\.(?:jar|war|ear|jpi|hpi|par|sar)$/i;
const MAX_DEPTH = 3;

function props(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith('!')) continue;
    const i = t.search(/[=:]/);
    if (i > 0) m.set(t.slice(0, i).trim(), t.slice(i + 1).trim());
  }
  return m;
}

/** MANIFEST.MF main section: `Key: value` with 72-column continuation lines that start with one space. */
function manifest(text: string): Map<string, string> {
  const m = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && last) {
      m.set(last, m.get(last)! + line.slice(1));
      continue;
    }
    const i = line.indexOf(':');
    if (i > 0) {
      last = line.slice(0, i).trim();
      m.set(last, line.slice(i + 1).trim());
    }
  }
  return m;
}

/**
 * Maven packages of a Java archive (jar, war, ear): every `META-INF/maven/<group>/<artifact>/pom.properties`
 * (shaded jars carry several), else the MANIFEST.MF `Implementation-Vendor-Id`/`-Title`/`-Version`; nested
 * archives (`WEB-INF/lib/*.jar`, `BOOT-INF/lib/*.jar`) are read too, located as `outer.war!/WEB-INF/lib/x.jar`.
 */
export function parseJavaArchive(path: string, content: Buffer, depth = 0): PackageDraft[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(content, {
      filter: (f) => /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/.test(f.name) || f.name === 'META-INF/MANIFEST.MF' || (depth < MAX_DEPTH && ARCHIVE.test(f.name)),
    });
  } catch (err) {
    throw new CorruptFileError(`not a readable zip archive: ${(err as Error).message}`);
  }
  const out: PackageDraft[] = [];
  const here = (p: PackageDraft) => (depth > 0 ? { ...p, location: { path } } : p);
  for (const name of Object.keys(files).sort()) {
    if (!name.endsWith('pom.properties')) continue;
    const p = props(Buffer.from(files[name]!).toString('utf8'));
    const g = p.get('groupId');
    const a = p.get('artifactId');
    const v = p.get('version');
    if (g && a && v) out.push(here({ type: 'maven', name: `${g}:${a}`, version: v, namespace: g }));
  }
  if (out.length === 0 && files['META-INF/MANIFEST.MF']) {
    const m = manifest(Buffer.from(files['META-INF/MANIFEST.MF']).toString('utf8'));
    const g = m.get('Implementation-Vendor-Id');
    const a = m.get('Implementation-Title');
    const v = m.get('Implementation-Version');
    if (g && a && v && !/\s/.test(a)) out.push(here({ type: 'maven', name: `${g}:${a}`, version: v, namespace: g }));
  }
  for (const name of Object.keys(files).sort()) {
    if (!ARCHIVE.test(name)) continue;
    const inner = `${path}!/${name}`;
    try {
      out.push(...parseJavaArchive(inner, Buffer.from(files[name]!), depth + 1));
    } catch (err) {
      throw new CorruptFileError(`${inner}: ${(err as Error).message}`);
    }
  }
  return out;
}

export const javaAnalyzer: FileAnalyzer = {
  id: 'java',
  version: 1,
  required: (path) => ARCHIVE.test(path),
  analyze: (path, content) => parseJavaArchive(`/${path}`, content),
};
