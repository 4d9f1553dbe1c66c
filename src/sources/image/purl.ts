import { PackageURL } from 'packageurl-js';
import type { Distro, Package } from '../../vuln/types.js';
import type { PackageDraft } from './analyzers/types.js';

const OS_DEFAULT_NAMESPACE: Record<string, string> = { apk: 'alpine', deb: 'debian', rpm: 'redhat' };

function distroQualifier(d: Distro | undefined): string | undefined {
  if (!d) return undefined;
  return d.versionId ? `${d.id}-${d.versionId}` : d.id;
}

/** Split a full ecosystem name into purl namespace and name: `@scope/x`, `group:artifact`, `host/path/mod`. */
function splitName(p: PackageDraft): { namespace?: string; name: string } {
  if (p.type === 'npm' && p.name.startsWith('@') && p.name.includes('/')) {
    const i = p.name.indexOf('/');
    return { namespace: p.name.slice(0, i), name: p.name.slice(i + 1) };
  }
  if (p.type === 'maven' && p.name.includes(':')) {
    const i = p.name.indexOf(':');
    return { namespace: p.name.slice(0, i), name: p.name.slice(i + 1) };
  }
  if (p.type === 'golang' && p.name.includes('/')) {
    const i = p.name.lastIndexOf('/');
    return { namespace: p.name.slice(0, i), name: p.name.slice(i + 1) };
  }
  if (p.type === 'pypi') return { name: p.name.toLowerCase().replace(/[-_.]+/g, '-') };
  return { name: p.name };
}

/**
 * The package-url of a package (packageurl-js). OS packages take the distro as namespace and `distro=` qualifier
 * (`pkg:apk/alpine/sqlite-libs@3.26.0-r3?arch=x86_64&distro=alpine-3.9.2&upstream=sqlite`); rpm epochs go into
 * the `epoch` qualifier, as the purl spec says.
 */
export function purlOf(p: PackageDraft, distro: Distro | undefined): { purl: string; namespace?: string } {
  const q: Record<string, string> = {};
  let version = p.version;
  let namespace: string | undefined;
  let name = p.name;
  if (p.type === 'apk' || p.type === 'deb' || p.type === 'rpm') {
    namespace = distro?.id ?? OS_DEFAULT_NAMESPACE[p.type];
    if (p.arch) q.arch = p.arch;
    const dq = distroQualifier(distro);
    if (dq) q.distro = dq;
    if (p.type === 'rpm') {
      const m = /^(\d+):(.*)$/.exec(version);
      if (m) {
        q.epoch = m[1]!;
        version = m[2]!;
      }
    }
    if (p.sourceName) q.upstream = p.sourceVersion ? `${p.sourceName}@${p.sourceVersion}` : p.sourceName;
  } else {
    const s = splitName(p);
    namespace = s.namespace;
    name = s.name;
  }
  const purl = new PackageURL(p.type, namespace, name, version, Object.keys(q).length ? q : undefined, undefined).toString();
  return namespace ? { purl, namespace } : { purl };
}

/** A finished Package: purl, namespace and location (the file and the layer's diff id). */
export function finishPackage(p: PackageDraft, file: string, layer: string | undefined, distro: Distro | undefined): Package {
  const { purl, namespace } = purlOf(p, distro);
  const out: Package = { type: p.type, name: p.name, version: p.version, purl, location: layer ? { path: p.location?.path ?? file, layer } : { path: p.location?.path ?? file } };
  if (p.sourceName !== undefined) out.sourceName = p.sourceName;
  if (p.sourceVersion !== undefined) out.sourceVersion = p.sourceVersion;
  const ns = p.namespace ?? namespace;
  if (ns !== undefined) out.namespace = ns;
  if (p.licenses !== undefined) out.licenses = p.licenses;
  if (p.arch !== undefined) (out as Package & { arch?: string }).arch = p.arch;
  return out;
}

function sortKey(p: Package): string {
  return `${p.type}\0${p.name}\0${p.version}\0${p.location.path}`;
}

/** Packages in a stable order: type, name, version, file (keys computed once). */
export function sortPackages(packages: Package[]): Package[] {
  const keyed = packages.map((p) => [sortKey(p), p] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return keyed.map((k) => k[1]);
}
