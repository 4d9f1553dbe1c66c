import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { distroFromQualifier, packageFromPurl } from '../../../src/sources/sbom/purl.js';
import { readSbom, type SbomContents } from '../../../src/sources/sbom/read-sbom.js';

const fixture = (f: string) => readFileSync(new URL(`../../fixtures/sbom/${f}`, import.meta.url), 'utf8');
const ok = (r: SbomContents | { error: string }): SbomContents => {
  if ('error' in r) throw new Error(r.error);
  return r;
};

for (const f of ['alpine-fixture.cdx-1.5.json', 'alpine-fixture.cdx-1.6.json']) {
  test(`CycloneDX ${f}: apk packages with origin, distro from the distro= qualifier`, () => {
    const r = ok(readSbom(fixture(f), f));
    assert.equal(r.format, 'cyclonedx');
    assert.equal(r.packages.length, 15);
    assert.deepEqual(r.distro, { id: 'alpine', versionId: '3.9.2' });
    const sqlite = r.packages.find((p) => p.name === 'sqlite-libs')!;
    assert.deepEqual({ ...sqlite, purl: undefined }, { type: 'apk', name: 'sqlite-libs', version: '3.26.0-r3', namespace: 'alpine', sourceName: 'sqlite', licenses: ['Public-Domain'], purl: undefined, location: { path: f } });
    assert.equal(r.packages.find((p) => p.name === 'busybox')!.sourceName, undefined);
  });
}

test('CycloneDX: the operating-system component wins over purls; nested components; Trivy source properties; bad purls are warnings', () => {
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.4',
    components: [
      { type: 'operating-system', name: 'debian', version: '12.5' },
      {
        type: 'library', name: 'libsqlite3-0', version: '3.40.1-2', purl: 'pkg:deb/debian/libsqlite3-0@3.40.1-2?distro=debian-11',
        properties: [{ name: 'aquasecurity:trivy:SrcName', value: 'sqlite3' }, { name: 'aquasecurity:trivy:SrcVersion', value: '3.40.1-2' }],
        components: [{ type: 'library', name: 'lodash', purl: 'pkg:npm/lodash@4.17.20' }],
      },
      { type: 'library', name: 'broken', purl: 'pkg:/nothing' },
      { type: 'library', name: 'nopurl', version: '1' },
      { type: 'library', name: 'cargo', purl: 'pkg:cargo/serde@1.0.0' },
    ],
  };
  const r = ok(readSbom(JSON.stringify(bom), 'bom.json'));
  assert.deepEqual(r.distro, { id: 'debian', versionId: '12.5', prettyName: 'debian' });
  assert.deepEqual(r.packages.map((p) => [p.type, p.name, p.version, p.sourceName]), [['deb', 'libsqlite3-0', '3.40.1-2', 'sqlite3'], ['npm', 'lodash', '4.17.20', undefined]]);
  assert.equal(r.packages[0]!.sourceVersion, undefined, 'same as the version');
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0]!, /components\[2\] broken: bad purl/);
  assert.equal(r.ignored, 2);
});

test('SPDX 2.3 JSON: purls from externalRefs, OS from primaryPackagePurpose', () => {
  const doc = {
    spdxVersion: 'SPDX-2.3', dataLicense: 'CC0-1.0', SPDXID: 'SPDXRef-DOCUMENT', name: 'img', documentNamespace: 'https://example.com/x',
    creationInfo: { created: '2024-01-01T00:00:00Z', creators: ['Tool: test'] },
    packages: [
      { SPDXID: 'SPDXRef-os', name: 'alpine', versionInfo: '3.9.2', primaryPackagePurpose: 'OPERATING-SYSTEM', downloadLocation: 'NONE' },
      { SPDXID: 'SPDXRef-1', name: 'sqlite-libs', versionInfo: '3.26.0-r3', downloadLocation: 'NONE', licenseConcluded: 'NOASSERTION', licenseDeclared: 'Public-Domain',
        externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:apk/alpine/sqlite-libs@3.26.0-r3?arch=x86_64&upstream=sqlite' }] },
      { SPDXID: 'SPDXRef-2', name: 'requests', versionInfo: '2.19.0', downloadLocation: 'NONE',
        externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:pypi/requests@2.19.0' }] },
      { SPDXID: 'SPDXRef-3', name: 'no-refs', downloadLocation: 'NONE' },
    ],
  };
  const r = ok(readSbom(JSON.stringify(doc), 'bom.spdx.json'));
  assert.equal(r.format, 'spdx');
  assert.deepEqual(r.distro, { id: 'alpine', versionId: '3.9.2', prettyName: 'alpine' });
  assert.deepEqual(r.packages.map((p) => [p.name, p.sourceName, p.licenses]), [['sqlite-libs', 'sqlite', ['Public-Domain']], ['requests', undefined, undefined]]);
  assert.equal(r.ignored, 1);
});

test('SBOM errors are one clear message', () => {
  assert.match((readSbom('{"bomFormat": "CycloneDX", "specVersion": "2.0"}', 'a.json') as { error: string }).error, /specVersion "2.0" is not supported/);
  assert.match((readSbom('<xml/>', 'a.xml') as { error: string }).error, /not JSON/);
  assert.match((readSbom('{"spdxVersion": "SPDX-2.3", "packages": {}}', 'a.json') as { error: string }).error, /"packages" must be a list/);
  assert.match((readSbom('{"hello": 1}', 'a.json') as { error: string }).error, /neither a CycloneDX/);
});

test('purls: distro qualifier forms, upstream with version, rpm epoch, scoped npm', () => {
  assert.deepEqual(distroFromQualifier('alpine-3.9.2'), { id: 'alpine', versionId: '3.9.2' });
  assert.deepEqual(distroFromQualifier('3.18.0', 'alpine'), { id: 'alpine', versionId: '3.18.0' });
  assert.deepEqual(distroFromQualifier('bookworm', 'debian'), { id: 'debian', codename: 'bookworm' });
  const deb = packageFromPurl('pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?upstream=glibc%402.36-9%2Bdeb12u3', { path: 'x' });
  assert.ok('package' in deb);
  assert.equal(deb.package.version, '2.36-9+deb12u4');
  assert.equal(deb.package.sourceName, 'glibc');
  assert.equal(deb.package.sourceVersion, '2.36-9+deb12u3');
  const rpm = packageFromPurl('pkg:rpm/redhat/openssl@1.1.1k-7.el8?epoch=1', { path: 'x' });
  assert.ok('package' in rpm && rpm.package.version === '1:1.1.1k-7.el8');
  const npm = packageFromPurl('pkg:npm/%40babel/core@7.0.0', { path: 'x' });
  assert.ok('package' in npm && npm.package.namespace === '@babel' && npm.package.name === '@babel/core', 'the name is whole: the purl namespace joined back');
  const go = packageFromPurl('pkg:golang/github.com/golang-jwt/jwt/v4@v4.5.0', { path: 'x' });
  assert.ok('package' in go && go.package.name === 'github.com/golang-jwt/jwt/v4' && go.package.namespace === 'github.com/golang-jwt/jwt');
});
