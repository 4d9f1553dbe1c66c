/**
 * An existing SBOM → the packages and distro the matcher needs. CycloneDX JSON (1.4–1.6) and SPDX 2.3 JSON.
 * Pure: the caller reads the file. The distro comes from the BOM's operating-system component (CycloneDX
 * `type: operating-system`, SPDX `primaryPackagePurpose: OPERATING-SYSTEM`), else from the purls' `distro=`.
 */
import type { Distro, Package } from '../../vuln/types.js';
import { packageFromPurl, type PurlPackage } from './purl.js';

export interface SbomContents {
  format: 'cyclonedx' | 'spdx';
  specVersion: string;
  packages: Package[];
  distro?: Distro;
  /** Components without a purl, with a purl of a type that is not matched, or with a bad purl. */
  warnings: string[];
  ignored: number;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function osDistro(name: unknown, version: unknown): Distro | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const n = name.toLowerCase();
  const id = ['alpine', 'debian', 'ubuntu', 'rhel', 'rocky', 'almalinux', 'centos', 'fedora', 'amzn', 'opensuse', 'sles', 'wolfi'].find((k) => n === k || n.startsWith(`${k} `) || n.startsWith(`${k}-`)) ?? n;
  return typeof version === 'string' && version !== '' ? { id, versionId: version, prettyName: name } : { id, prettyName: name };
}

class Collector {
  packages: Package[] = [];
  warnings: string[] = [];
  ignored = 0;
  purlDistro?: Distro;
  constructor(private readonly path: string) {}
  add(purl: unknown, version: unknown, label: string, licenses: string[], props: Record<string, string>): void {
    if (typeof purl !== 'string' || purl === '') {
      this.ignored++;
      return;
    }
    const r = packageFromPurl(purl, { ...(typeof version === 'string' ? { version } : {}), path: this.path, licenses });
    if ('error' in r) {
      this.warnings.push(`${label}: ${r.error}`);
      return;
    }
    if ('skip' in r) {
      this.ignored++;
      return;
    }
    const p = (r as PurlPackage).package;
    // Trivy's properties carry the source package.
    if (props['aquasecurity:trivy:SrcName'] && props['aquasecurity:trivy:SrcName'] !== p.name) p.sourceName = props['aquasecurity:trivy:SrcName'];
    if (props['aquasecurity:trivy:SrcVersion'] && props['aquasecurity:trivy:SrcVersion'] !== p.version) p.sourceVersion = props['aquasecurity:trivy:SrcVersion'];
    this.purlDistro ??= (r as PurlPackage).distro;
    this.packages.push(p);
  }
}

function cdxLicenses(c: Record<string, unknown>): string[] {
  if (!Array.isArray(c.licenses)) return [];
  return c.licenses.flatMap((l) => {
    if (!isObj(l)) return [];
    if (typeof l.expression === 'string') return [l.expression];
    const lic = isObj(l.license) ? l.license : undefined;
    const v = lic?.id ?? lic?.name;
    return typeof v === 'string' ? [v] : [];
  });
}

function readCycloneDx(doc: Record<string, unknown>, path: string): SbomContents | { error: string } {
  const spec = String(doc.specVersion ?? '');
  if (!/^1\.[2-6]$/.test(spec)) return { error: `${path}: CycloneDX specVersion ${JSON.stringify(doc.specVersion)} is not supported (1.4–1.6)` };
  const col = new Collector(path);
  let os: Distro | undefined;
  const walk = (list: unknown, where: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) return col.warnings.push(`${where}: "components" is not a list`);
    list.forEach((c, i) => {
      if (!isObj(c)) return col.warnings.push(`${where}[${i}]: not an object`);
      if (c.type === 'operating-system') os ??= osDistro(c.name, c.version);
      else {
        const props: Record<string, string> = {};
        if (Array.isArray(c.properties)) for (const p of c.properties) if (isObj(p) && typeof p.name === 'string' && typeof p.value === 'string') props[p.name] = p.value;
        col.add(c.purl, c.version, `${where}[${i}] ${typeof c.name === 'string' ? c.name : ''}`.trim(), cdxLicenses(c), props);
      }
      walk(c.components, `${where}[${i}].components`);
    });
  };
  const meta = isObj(doc.metadata) && isObj(doc.metadata.component) ? doc.metadata.component : undefined;
  if (meta?.type === 'operating-system') os = osDistro(meta.name, meta.version);
  walk(doc.components, 'components');
  const distro = os ?? col.purlDistro;
  return { format: 'cyclonedx', specVersion: spec, packages: col.packages, ...(distro ? { distro } : {}), warnings: col.warnings, ignored: col.ignored };
}

function readSpdx(doc: Record<string, unknown>, path: string): SbomContents | { error: string } {
  const spec = String(doc.spdxVersion ?? '');
  if (!/^SPDX-2\.[23]$/.test(spec)) return { error: `${path}: ${JSON.stringify(doc.spdxVersion)} is not supported (SPDX-2.3 JSON)` };
  if (doc.packages !== undefined && !Array.isArray(doc.packages)) return { error: `${path}: SPDX "packages" must be a list` };
  const col = new Collector(path);
  let os: Distro | undefined;
  ((doc.packages as unknown[]) ?? []).forEach((p, i) => {
    if (!isObj(p)) return col.warnings.push(`packages[${i}]: not an object`);
    if (p.primaryPackagePurpose === 'OPERATING-SYSTEM') {
      os ??= osDistro(p.name, p.versionInfo);
      return;
    }
    const refs = Array.isArray(p.externalRefs) ? p.externalRefs.filter(isObj) : [];
    const purl = refs.find((r) => r.referenceType === 'purl')?.referenceLocator;
    const lic = [p.licenseConcluded, p.licenseDeclared].find((l) => typeof l === 'string' && l !== 'NOASSERTION' && l !== 'NONE') as string | undefined;
    col.add(purl, p.versionInfo, `packages[${i}] ${typeof p.name === 'string' ? p.name : ''}`.trim(), lic ? [lic] : [], {});
  });
  const distro = os ?? col.purlDistro;
  return { format: 'spdx', specVersion: spec, packages: col.packages, ...(distro ? { distro } : {}), warnings: col.warnings, ignored: col.ignored };
}

/** Parse SBOM text (`path` is for messages and package locations). */
export function readSbom(text: string, path: string): SbomContents | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { error: `${path}: not JSON (${err instanceof Error ? err.message : String(err)}); CycloneDX and SPDX SBOMs are read in their JSON forms` };
  }
  if (isObj(doc) && doc.bomFormat === 'CycloneDX') return readCycloneDx(doc, path);
  if (isObj(doc) && typeof doc.spdxVersion === 'string') return readSpdx(doc, path);
  return { error: `${path}: neither a CycloneDX (bomFormat) nor an SPDX (spdxVersion) JSON document` };
}
