import { parse as parseToml } from 'smol-toml';
import { CorruptFileError, type FileAnalyzer, type PackageDraft } from './types.js';

/** Text of a Python file: UTF-8, or UTF-16 with a byte-order mark (pip writes UTF-16LE requirements on Windows). */
function decode(content: Buffer): string {
  if (content[0] === 0xff && content[1] === 0xfe) return content.subarray(2).toString('utf16le');
  if (content[0] === 0xfe && content[1] === 0xff) return Buffer.from(content.subarray(2)).swap16().toString('utf16le');
  return content.toString('utf8').replace(/^\uFEFF/, '');
}

/** Core metadata (`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`): RFC 822 headers up to the first blank line. */
export function parseCoreMetadata(content: Buffer): PackageDraft[] {
  const head = decode(content).split(/\r?\n\r?\n/, 1)[0]!;
  const f = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s?(.*)$/.exec(line);
    if (m && !f.has(m[1]!.toLowerCase())) f.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  const name = f.get('name');
  const version = f.get('version');
  if (!name || !version) throw new CorruptFileError('core metadata without Name and Version');
  const p: PackageDraft = { type: 'pypi', name, version };
  const lic = f.get('license-expression') ?? f.get('license');
  if (lic && lic !== 'UNKNOWN' && lic.length < 100) p.licenses = [lic];
  return [p];
}

/**
 * requirements.txt: only exact pins (`name==1.2.3`, `name[extra]==1.2.3`) name an installed version; ranges,
 * wildcards (`==5.*`), options, URLs and comments are skipped. Line continuations (`\`) are joined.
 */
export function parseRequirements(content: Buffer): PackageDraft[] {
  const out: PackageDraft[] = [];
  const text = decode(content).replace(/\\\r?\n/g, ' ');
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim(); // a version never contains #
    if (!line || line.startsWith('-')) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s;,*]+)\s*(?:$|;|\s--|\s)/.exec(line);
    if (!m) continue;
    out.push({ type: 'pypi', name: m[1]!, version: m[2]! });
  }
  return out;
}

function toml(content: Buffer, what: string): Record<string, unknown> {
  try {
    return parseToml(decode(content)) as Record<string, unknown>;
  } catch (err) {
    throw new CorruptFileError(`${what} is not TOML: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** poetry.lock (v1 and v2): every `[[package]]`; v1 `category = "dev"` and v2 dev-only groups are left out. */
export function parsePoetryLock(content: Buffer): PackageDraft[] {
  const doc = toml(content, 'poetry.lock');
  const out: PackageDraft[] = [];
  for (const p of (doc.package as Record<string, unknown>[] | undefined) ?? []) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    if (p.category === 'dev') continue;
    const groups = p.groups as string[] | undefined;
    if (Array.isArray(groups) && groups.length > 0 && groups.every((g) => g === 'dev')) continue;
    out.push({ type: 'pypi', name: p.name, version: p.version });
  }
  return out;
}

/** uv.lock: every `[[package]]` from a registry or VCS; the project itself (editable/virtual/directory source) is left out. */
export function parseUvLock(content: Buffer): PackageDraft[] {
  const doc = toml(content, 'uv.lock');
  const out: PackageDraft[] = [];
  for (const p of (doc.package as Record<string, unknown>[] | undefined) ?? []) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const src = (p.source ?? {}) as Record<string, unknown>;
    if ('editable' in src || 'virtual' in src || 'directory' in src) continue;
    out.push({ type: 'pypi', name: p.name, version: p.version });
  }
  return out;
}

/** Pipfile.lock: the `default` section (`develop` is dev-only), versions `==x.y`. */
export function parsePipfileLock(content: Buffer): PackageDraft[] {
  let doc: { default?: Record<string, { version?: string }> };
  try {
    doc = JSON.parse(decode(content)) as typeof doc;
  } catch (err) {
    throw new CorruptFileError(`Pipfile.lock is not JSON: ${(err as Error).message}`);
  }
  const out: PackageDraft[] = [];
  for (const [name, d] of Object.entries(doc.default ?? {})) {
    const v = d?.version;
    if (typeof v === 'string' && v.startsWith('==')) out.push({ type: 'pypi', name, version: v.slice(2) });
  }
  return out;
}

const METADATA = /(?:^|\/)[^/]+\.dist-info\/METADATA$|(?:^|\/)[^/]+\.egg-info\/PKG-INFO$/;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export const pythonAnalyzer: FileAnalyzer = {
  id: 'python',
  version: 1,
  required: (path) => {
    const b = basename(path);
    return METADATA.test(path) || b === 'requirements.txt' || b === 'poetry.lock' || b === 'Pipfile.lock' || b === 'uv.lock';
  },
  analyze: (path, content) => {
    const b = basename(path);
    if (b === 'requirements.txt') return parseRequirements(content);
    if (b === 'poetry.lock') return parsePoetryLock(content);
    if (b === 'Pipfile.lock') return parsePipfileLock(content);
    if (b === 'uv.lock') return parseUvLock(content);
    return parseCoreMetadata(content);
  },
};
