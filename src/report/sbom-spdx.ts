import { isoSeconds, packageKeys, sha256hex, sortedPackages, type SbomInput } from './sbom-input.js';

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: 'NOASSERTION';
  copyrightText: 'NOASSERTION';
  licenseComments?: string;
  sourceInfo?: string;
  primaryPackagePurpose: 'CONTAINER' | 'OPERATING-SYSTEM' | 'LIBRARY';
  externalRefs?: { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }[];
  checksums?: { algorithm: 'SHA256'; checksumValue: string }[];
}

/** SPDXRef-<letters, digits, . and ->: a readable prefix plus a short hash of the stable key. */
function spdxId(kind: string, name: string, key: string): string {
  const safe = name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
  return `SPDXRef-${kind}-${safe}-${sha256hex(key).slice(0, 10)}`;
}

/**
 * SPDX 2.3 JSON of an image: the document DESCRIBES the image package (purpose CONTAINER), which CONTAINS the
 * OS and every package (purl as a PACKAGE-MANAGER external ref; where it was found in sourceInfo). Declared
 * licenses are not SPDX expressions in most package databases, so they go to licenseComments and the license
 * fields say NOASSERTION. Deterministic: ids from hashes of purls, sorted, timestamp from SOURCE_DATE_EPOCH.
 */
export function renderSpdx(input: SbomInput): string {
  const img = input.image;
  const packages = sortedPackages(input.packages);
  const keys = packageKeys(packages);
  const imageId = spdxId('Image', img.reference.split('/').pop()!, img.manifestDigest ?? img.configDigest);
  const imagePkg: SpdxPackage = {
    SPDXID: imageId,
    name: img.reference,
    versionInfo: img.manifestDigest ?? img.configDigest,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    primaryPackagePurpose: 'CONTAINER',
    sourceInfo: `image config ${img.configDigest}, platform ${img.platform}`,
  };
  const digest = /^sha256:([a-f0-9]{64})$/.exec(img.manifestDigest ?? img.configDigest);
  if (digest) imagePkg.checksums = [{ algorithm: 'SHA256', checksumValue: digest[1]! }];
  const out: SpdxPackage[] = [imagePkg];
  const rels: { spdxElementId: string; relationshipType: 'DESCRIBES' | 'CONTAINS'; relatedSpdxElement: string }[] = [
    { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
  ];
  if (input.distro) {
    const d = input.distro;
    const id = spdxId('OperatingSystem', d.id, `os:${d.id}@${d.versionId ?? ''}`);
    const os: SpdxPackage = {
      SPDXID: id, name: d.id, downloadLocation: 'NOASSERTION', filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION', licenseDeclared: 'NOASSERTION', copyrightText: 'NOASSERTION', primaryPackagePurpose: 'OPERATING-SYSTEM',
    };
    if (d.versionId) os.versionInfo = d.versionId;
    out.push(os);
    rels.push({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  }
  packages.forEach((p, i) => {
    const id = spdxId('Package', `${p.type}-${p.name}`, keys[i]!);
    const sp: SpdxPackage = {
      SPDXID: id,
      name: p.name,
      versionInfo: p.version,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'LIBRARY',
      sourceInfo: `found in ${p.location.path}${p.location.layer ? ` (layer ${p.location.layer})` : ''}`,
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
    };
    if (p.licenses?.length) sp.licenseComments = `declared: ${p.licenses.join('; ')}`;
    out.push(sp);
    rels.push({ spdxElementId: imageId, relationshipType: 'CONTAINS', relatedSpdxElement: id });
  });
  const doc = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: img.reference,
    documentNamespace: `https://spdx.org/spdxdocs/${input.tool.name}-${sha256hex(`${img.reference}\n${img.manifestDigest ?? img.configDigest}\n${keys.join('\n')}`).slice(0, 32)}`,
    creationInfo: { created: isoSeconds(input.created), creators: [`Tool: ${input.tool.name}-${input.tool.version}`] },
    packages: out,
    relationships: rels,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
