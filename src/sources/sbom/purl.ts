/** Package URL → Package (and the distro its `distro=` qualifier names). Pure. */
import { PackageURL } from 'packageurl-js';
import type { Distro, Package, PackageType } from '../../vuln/types.js';

const TYPES: Record<string, PackageType> = { apk: 'apk', alpine: 'apk', deb: 'deb', rpm: 'rpm', npm: 'npm', pypi: 'pypi', golang: 'golang', maven: 'maven' };

export interface PurlPackage {
  package: Package;
  /** From the `distro` qualifier (`alpine-3.9.2`, `debian-12`, `3.18.0`, `bookworm`). */
  distro?: Distro;
}

const CODENAME = /^[a-z]+$/;

/** `distro=` qualifier → Distro. `namespace` (alpine, debian, ubuntu, ...) stands in for a missing id. */
export function distroFromQualifier(value: string, namespace?: string): Distro | undefined {
  const m = /^([a-z][a-z-]*?)-(\d[\w.]*)$/i.exec(value);
  if (m) return { id: m[1]!.toLowerCase(), versionId: m[2]! };
  if (/^\d/.test(value) && namespace) return { id: namespace.toLowerCase(), versionId: value };
  if (CODENAME.test(value) && namespace) return { id: namespace.toLowerCase(), codename: value };
  return undefined;
}

/**
 * The package's name as its ecosystem writes it, the purl namespace joined back: `@babel/traverse`,
 * `golang.org/x/crypto`, `github.com/golang-jwt/jwt/v4`, `org.yaml:snakeyaml` — the same name an image
 * analyzer reads from package.json, Go build info or a pom, so both paths match the same advisories.
 */
export function fullName(type: PackageType, namespace: string | null | undefined, name: string): string {
  if (!namespace) return name;
  if (type === 'npm') return `${namespace.startsWith('@') ? namespace : `@${namespace}`}/${name}`;
  if (type === 'golang') return `${namespace}/${name}`;
  if (type === 'maven') return `${namespace}:${name}`;
  return name;
}

/** Parse a purl into a Package; `undefined` for types kubeward does not match, an error message for a malformed purl. */
export function packageFromPurl(purl: string, fallback: { version?: string; path: string; licenses?: string[] }): PurlPackage | { skip: string } | { error: string } {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch (err) {
    return { error: `bad purl ${JSON.stringify(purl)}: ${err instanceof Error ? err.message : String(err)}` };
  }
  const type = TYPES[p.type];
  if (!type) return { skip: `purl type ${p.type}` };
  const version = p.version ?? fallback.version;
  if (!version) return { error: `purl ${purl} has no version` };
  const q = (p.qualifiers ?? {}) as Record<string, string>;
  const pkg: Package = { type, name: fullName(type, p.namespace, p.name), version, purl, location: { path: fallback.path } };
  if (p.namespace) pkg.namespace = p.namespace;
  if (fallback.licenses?.length) pkg.licenses = fallback.licenses;
  // `upstream=` (syft) names the source/origin package, optionally with its version: `sqlite3@3.27.2-2`.
  if (q.upstream) {
    const at = q.upstream.lastIndexOf('@');
    const name = at > 0 ? q.upstream.slice(0, at) : q.upstream;
    if (name !== pkg.name) pkg.sourceName = name;
    if (at > 0 && q.upstream.slice(at + 1) !== version) pkg.sourceVersion = q.upstream.slice(at + 1);
  }
  if (type === 'rpm' && q.epoch && !/^\d+:/.test(version)) pkg.version = `${q.epoch}:${version}`;
  const distro = q.distro ? distroFromQualifier(q.distro, p.namespace) : undefined;
  return distro ? { package: pkg, distro } : { package: pkg };
}
