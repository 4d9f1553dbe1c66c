import { CorruptFileError, type FileAnalyzer, type PackageDraft } from './types.js';

function json(content: Buffer, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(content.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CorruptFileError(`${what} is not JSON: ${(err as Error).message}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new CorruptFileError(`${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

/** Versions from the registry (not file:, git, link: or URL dependencies). */
function registryVersion(v: unknown): v is string {
  return typeof v === 'string' && /^\d/.test(v);
}

interface V1Dep {
  version?: string;
  dev?: boolean;
  dependencies?: Record<string, V1Dep>;
}

/**
 * package-lock.json v1 (nested `dependencies`), v2 and v3 (`packages` keyed by node_modules path; v2 also has the
 * v1 tree, `packages` wins). Dev dependencies, links, workspace members and non-registry versions are left out.
 */
export function parsePackageLock(content: Buffer): PackageDraft[] {
  const doc = json(content, 'package-lock.json');
  const out: PackageDraft[] = [];
  const packages = doc.packages as Record<string, { version?: string; dev?: boolean; link?: boolean; name?: string; license?: string }> | undefined;
  if (packages && typeof packages === 'object') {
    for (const [path, p] of Object.entries(packages)) {
      const i = path.lastIndexOf('node_modules/');
      if (i === -1 || !p || p.link || p.dev || !registryVersion(p.version)) continue;
      const name = path.slice(i + 'node_modules/'.length);
      const pkg: PackageDraft = { type: 'npm', name, version: p.version };
      if (typeof p.license === 'string') pkg.licenses = [p.license];
      out.push(pkg);
    }
    return out;
  }
  const walk = (deps: Record<string, V1Dep> | undefined, depth: number) => {
    if (!deps || typeof deps !== 'object' || depth > 64) return;
    for (const [name, d] of Object.entries(deps)) {
      if (!d || d.dev) continue;
      if (registryVersion(d.version)) out.push({ type: 'npm', name, version: d.version });
      walk(d.dependencies, depth + 1);
    }
  };
  walk(doc.dependencies as Record<string, V1Dep> | undefined, 0);
  return out;
}

/** An installed package's own package.json (node_modules/NAME/package.json). */
export function parseInstalledPackageJson(content: Buffer): PackageDraft[] {
  const doc = json(content, 'package.json');
  if (typeof doc.name !== 'string' || typeof doc.version !== 'string' || doc.version === '') return [];
  const p: PackageDraft = { type: 'npm', name: doc.name, version: doc.version };
  const lic = doc.license;
  if (typeof lic === 'string') p.licenses = [lic];
  else if (lic && typeof lic === 'object' && typeof (lic as { type?: unknown }).type === 'string') p.licenses = [(lic as { type: string }).type];
  return [p];
}

const INSTALLED = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/@][^/]*\/package\.json$/;

export const npmAnalyzer: FileAnalyzer = {
  id: 'npm',
  version: 1,
  required: (path) => INSTALLED.test(path) || ((path === 'package-lock.json' || path.endsWith('/package-lock.json')) && !path.includes('node_modules/')),
  analyze: (path, content) => (path.endsWith('package-lock.json') ? parsePackageLock(content) : parseInstalledPackageJson(content)),
};
