import * as CDX from '@cyclonedx/cyclonedx-library';
import type { Package, VulnMatch } from '../vuln/types.js';
import { addVulnerabilities } from './cyclonedx-vulns.js';
import { isoSeconds, packageKeys, sortedPackages, stableUuid, type SbomInput } from './sbom-input.js';

/** A package as a CycloneDX library component with its purl, licenses and where it was found. */
export function packageComponent(p: Package, bomRef: string): CDX.Models.Component {
  const c = component(CDX.Enums.ComponentType.Library, p.name, bomRef, p.version);
  c.purl = p.purl;
  for (const l of p.licenses ?? []) c.licenses.add(new CDX.Models.NamedLicense(l));
  c.properties.add(new CDX.Models.Property('kubeward:package:path', p.location.path));
  if (p.location.layer) c.properties.add(new CDX.Models.Property('kubeward:package:layer', p.location.layer));
  if (p.sourceName) c.properties.add(new CDX.Models.Property('kubeward:package:source-name', p.sourceName));
  if (p.sourceVersion) c.properties.add(new CDX.Models.Property('kubeward:package:source-version', p.sourceVersion));
  return c;
}

/** The bom-ref packageKeys() gave a package (matched by purl and file). */
export function keyOf(packages: readonly Package[], keys: readonly string[], p: Package): string {
  const i = packages.findIndex((q) => q.purl === p.purl && q.location.path === p.location.path);
  return i === -1 ? p.purl : keys[i]!;
}

export function component(type: CDX.Enums.ComponentType, name: string, bomRef: string, version?: string): CDX.Models.Component {
  return new CDX.Models.Component(type, name, version !== undefined ? { bomRef, version } : { bomRef });
}

/**
 * CycloneDX 1.6 JSON of an image (built with @cyclonedx/cyclonedx-library): the image is metadata.component
 * (type container), the OS is an operating-system component, every package a library with its purl, licenses
 * and where it was found (properties `kubeward:package:path` and `kubeward:package:layer`). bom-refs are purls,
 * lists are sorted and the serial number is derived from the content, so the same image gives the same bytes
 * (timestamp from SOURCE_DATE_EPOCH). With `vulnerabilities`, they are listed with `affects` on the packages
 * (`vex`: as VEX, with an analysis and affected/unaffected versions; see cyclonedx-vulns.ts).
 */
export function renderCycloneDx(input: SbomInput, opts: { vulnerabilities?: readonly VulnMatch[]; vex?: boolean } = {}): string {
  const packages = sortedPackages(input.packages);
  const keys = packageKeys(packages);
  const bom = new CDX.Models.Bom();
  const img = input.image;
  const root = component(CDX.Enums.ComponentType.Container, img.reference, `image:${img.manifestDigest ?? img.configDigest}`, img.manifestDigest ?? img.configDigest);
  root.properties.add(new CDX.Models.Property('kubeward:image:config-digest', img.configDigest));
  root.properties.add(new CDX.Models.Property('kubeward:image:platform', img.platform));
  for (const t of img.repoTags ?? []) root.properties.add(new CDX.Models.Property('kubeward:image:tag', t));
  bom.metadata.component = root;
  bom.metadata.timestamp = new Date(isoSeconds(input.created));
  bom.metadata.tools.components.add(new CDX.Models.Component(CDX.Enums.ComponentType.Application, input.tool.name, { version: input.tool.version }));
  if (input.distro) {
    const os = component(CDX.Enums.ComponentType.OperatingSystem, input.distro.id, `os:${input.distro.id}@${input.distro.versionId ?? ''}`, input.distro.versionId);
    if (input.distro.prettyName) os.description = input.distro.prettyName;
    bom.components.add(os);
    root.dependencies.add(os.bomRef);
  }
  packages.forEach((p, i) => {
    const c = packageComponent(p, keys[i]!);
    bom.components.add(c);
    root.dependencies.add(c.bomRef);
  });
  if (opts.vulnerabilities) addVulnerabilities(bom, opts.vulnerabilities.map((m) => ({ match: m, refs: [keyOf(packages, keys, m.package)] })), { vex: opts.vex === true });
  bom.serialNumber = `urn:uuid:${stableUuid(`${img.manifestDigest ?? img.configDigest}\n${keys.join('\n')}`)}`;
  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n';
}
