import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { apkAnalyzer, parseApkInstalled } from '../../../src/sources/image/analyzers/apk.js';
import { dpkgAnalyzer, parseDpkgStatus } from '../../../src/sources/image/analyzers/dpkg.js';
import { parseJavaArchive } from '../../../src/sources/image/analyzers/java.js';
import { npmAnalyzer, parseInstalledPackageJson, parsePackageLock } from '../../../src/sources/image/analyzers/npm.js';
import { parseAlpineRelease, parseOsRelease } from '../../../src/sources/image/analyzers/os-release.js';
import { parseCoreMetadata, parsePipfileLock, parsePoetryLock, parseRequirements, parseUvLock } from '../../../src/sources/image/analyzers/python.js';
import { parseRpmDb } from '../../../src/sources/image/analyzers/rpm.js';
import type { PackageDraft } from '../../../src/sources/image/analyzers/types.js';

const fx = (p: string) => readFileSync(new URL(`../../fixtures/pkgdb/${p}`, import.meta.url));
const text = (p: string) => fx(p).toString('utf8');
const nv = (ps: PackageDraft[]) => ps.map((p) => `${p.name}@${p.version}`);

describe('apk installed database', () => {
  it('reads the trivy fixture: 15 packages (one entry has no V:), origin → sourceName', () => {
    const ps = parseApkInstalled(text('apk/installed.trivy-fixture'));
    assert.equal(ps.length, 15);
    const sq = ps.find((p) => p.name === 'sqlite-libs')!;
    assert.deepEqual([sq.version, sq.sourceName, sq.arch], ['3.26.0-r3', 'sqlite', 'x86_64']);
    assert.equal(ps.find((p) => p.name === 'musl')!.sourceName, undefined, 'origin equal to the name is not repeated');
    assert.ok(!ps.some((p) => p.name === 'invalidPackageWithoutAVersion'));
  });
  it('reads the Alpine 3.16 minirootfs database', () => {
    const ps = parseApkInstalled(text('apk/installed.syft-alpine-3.16'));
    assert.equal(ps.length, 14);
    assert.ok(nv(ps).includes('alpine-baselayout-data@3.2.0-r22'));
    assert.equal(ps.find((p) => p.name === 'alpine-baselayout-data')!.sourceName, 'alpine-baselayout');
  });
  it('refuses a corrupt database', () => {
    assert.throws(() => parseApkInstalled(text('apk/installed.syft-corrupt')), /not a KEY:value line/);
  });
  it('filters only lib/apk/db/installed', () => {
    assert.ok(apkAnalyzer.required('lib/apk/db/installed', { size: 1, mode: 0o644 }));
    assert.ok(!apkAnalyzer.required('lib/apk/db/scripts.tar', { size: 1, mode: 0o644 }));
  });
});

describe('dpkg status', () => {
  it('reads a Debian 12 status file: 843 installed packages, Source → sourceName/sourceVersion', () => {
    const ps = parseDpkgStatus(text('dpkg/status.debian12-this-machine'));
    assert.equal(ps.length, 843);
    const libsq = ps.find((p) => p.name === 'libsqlite3-0')!;
    assert.equal(libsq.sourceName, 'sqlite3');
    const withSrcVersion = ps.filter((p) => p.sourceVersion);
    assert.ok(withSrcVersion.length > 0 && withSrcVersion.every((p) => p.sourceVersion !== p.version));
  });
  it('reads the Ubuntu status of trivy (91 stanzas) and skips what is not installed', () => {
    const all = text('dpkg/status.trivy-valid');
    const stanzas = all.split(/\n\n+/).filter((s) => /^Package:/m.test(s));
    const installed = stanzas.filter((s) => /^Status: install ok installed$/m.test(s));
    assert.equal(parseDpkgStatus(all).length, installed.length);
  });
  it('reads distroless status.d entries and skips deinstalled ones', () => {
    const sq = parseDpkgStatus(text('dpkg/status.d/libsqlite3-0'));
    assert.deepEqual(nv(sq), ['libsqlite3-0@3.34.1-3']);
    assert.equal(sq[0]!.sourceName, 'sqlite3');
    const de = parseDpkgStatus(text('dpkg/status.d/deinstall'));
    assert.deepEqual(nv(de), ['linux-image-6.14.0-1012-aws@6.14.0-1012.12~24.04.1'], 'the deinstall entry is left out');
    assert.ok(parseDpkgStatus(text('dpkg/status.d/multiple')).length >= 2);
  });
  it('refuses a corrupt entry', () => {
    assert.throws(() => parseDpkgStatus(text('dpkg/status.d/corrupt')), /not a "Field: value" line/);
  });
  it('filters status and status.d files, not their md5sums', () => {
    const i = { size: 1, mode: 0o644 };
    assert.ok(dpkgAnalyzer.required('var/lib/dpkg/status', i));
    assert.ok(dpkgAnalyzer.required('var/lib/dpkg/status.d/base', i));
    assert.ok(!dpkgAnalyzer.required('var/lib/dpkg/status.d/base.md5sums', i));
    assert.ok(!dpkgAnalyzer.required('var/lib/dpkg/status-old', i));
  });
});

describe('rpm database', () => {
  it('reads rpm\'s own sqlite rpmdb (gpg-pubkey is a key, not a package)', async () => {
    const ps = await parseRpmDb('var/lib/rpm/rpmdb.sqlite', fx('rpm/rpmdb.sqlite'));
    assert.deepEqual(nv(ps), ['foo@1.0-1', 'hlinktest@1.0-1']);
    assert.equal(ps[0]!.arch, 'noarch');
  });
  it('reads a BerkeleyDB Packages file', async () => {
    const ps = await parseRpmDb('var/lib/rpm/Packages', fx('rpm/Packages.bdb'));
    assert.deepEqual(nv(ps), ['dive@0.9.2-1']);
  });
  it('refuses garbage', async () => {
    await assert.rejects(parseRpmDb('var/lib/rpm/Packages', Buffer.from('garbage'.repeat(100))), /not a readable rpm bdb database/);
    await assert.rejects(parseRpmDb('var/lib/rpm/rpmdb.sqlite', Buffer.from('SQLite format 3\0'.padEnd(4096, 'x'))), /not a readable rpm sqlite database/);
  });
});

describe('os-release', () => {
  it('parses quoted values and falls back to alpine-release', () => {
    assert.deepEqual(parseOsRelease('NAME="Debian GNU/Linux"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'), {
      id: 'debian', versionId: '12', codename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)',
    });
    assert.deepEqual(parseAlpineRelease('3.9.2\n'), { id: 'alpine', versionId: '3.9.2' });
    assert.equal(parseOsRelease('garbage'), undefined);
  });
});

describe('npm', () => {
  it('gives the same 31 packages from package-lock v1, v2 and v3 (dev dependencies left out)', () => {
    const sets = ['npm/package-lock_v1.json', 'npm/package-lock_v2.json', 'npm/package-lock_v3.json'].map((f) => nv(parsePackageLock(fx(f))).sort());
    assert.equal(sets[0]!.length, 31);
    assert.deepEqual(sets[1], sets[0]);
    assert.deepEqual(sets[2], sets[0]);
    assert.ok(sets[0]!.includes('@babel/helper-string-parser@7.19.4'));
  });
  it('skips workspace links in a v3 lock', () => {
    const ps = parsePackageLock(fx('npm/package-lock_v3_with_workspace.json'));
    assert.equal(ps.length, 4);
    assert.ok(nv(ps).includes('ms@2.0.0') || nv(ps).some((s) => s.startsWith('ms@')));
  });
  it('reads an installed package.json and filters node_modules paths', () => {
    assert.deepEqual(nv(parseInstalledPackageJson(Buffer.from('{"name":"@scope/x","version":"1.2.3","license":"MIT"}'))), ['@scope/x@1.2.3']);
    const i = { size: 1, mode: 0o644 };
    assert.ok(npmAnalyzer.required('app/node_modules/@scope/x/package.json', i));
    assert.ok(npmAnalyzer.required('app/node_modules/a/node_modules/b/package.json', i));
    assert.ok(!npmAnalyzer.required('app/node_modules/a/test/package.json', i));
    assert.ok(npmAnalyzer.required('app/package-lock.json', i));
    assert.ok(!npmAnalyzer.required('app/node_modules/a/package-lock.json', i));
    assert.throws(() => parsePackageLock(Buffer.from('{"lockfileVersion": 3, ')), /not JSON/);
  });
});

describe('python', () => {
  it('reads only exact pins from requirements files', () => {
    assert.deepEqual(nv(parseRequirements(fx('python/requirements_comments.txt'))), ['click@8.0.0', 'Flask@2.0.0', 'Jinja2@3.0.0', 'MarkupSafe@2.0.0']);
    assert.deepEqual(nv(parseRequirements(fx('python/requirements_extras.txt'))), ['pyjwt@2.1.0', 'celery@4.4.7']);
    assert.deepEqual(nv(parseRequirements(fx('python/requirements_hash.txt'))).slice(0, 2), ['FooProject@1.2', 'Jinja2@3.0.0']);
    assert.deepEqual(nv(parseRequirements(fx('python/requirements_operator.txt'))), ['Django@2.3.4', 'SomeProject@5.4']);
    assert.deepEqual(nv(parseRequirements(fx('python/requirements_compatible.txt'))), []);
    assert.deepEqual(nv(parseRequirements(fx('python/requirements_utf16le.txt'))), ['attrs@20.3.0']);
  });
  it('reads poetry v1 and v2, Pipfile.lock and uv.lock', () => {
    const v1 = parsePoetryLock(fx('python/poetry_v1_flask.lock'));
    const v2 = parsePoetryLock(fx('python/poetry_v2_flask.lock'));
    assert.ok(v1.length > 0 && v1.length <= 15 && v2.length > 0 && v2.length <= 15);
    assert.ok(!nv(v2).includes('atomicwrites@1.4.1'), 'dev-only group left out');
    assert.deepEqual(nv(parsePipfileLock(fx('python/Pipfile_normal.lock'))).slice(0, 3), ['certifi@2019.3.9', 'chardet@3.0.4', 'idna@2.8']);
    const uv = parseUvLock(fx('python/integration-uv.lock'));
    assert.ok(nv(uv).includes('click@8.1.3') && !uv.some((p) => p.name === 'uv-test'));
    assert.throws(() => parsePoetryLock(Buffer.from('[[package]\nname=')), /not TOML/);
  });
  it('reads the METADATA / PKG-INFO that Debian installs', () => {
    assert.deepEqual(nv(parseCoreMetadata(fx('python/PyYAML-6.0.dist-info.METADATA'))), ['PyYAML@6.0']);
    assert.deepEqual(nv(parseCoreMetadata(fx('python/PyJWT-2.6.0.egg-info.PKG-INFO'))), ['PyJWT@2.6.0']);
  });
  it('reads dist-info METADATA', () => {
    const ps = parseCoreMetadata(Buffer.from('Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n\nBody: not a header\n'));
    assert.deepEqual(nv(ps), ['requests@2.31.0']);
    assert.throws(() => parseCoreMetadata(Buffer.from('garbage')), /without Name and Version/);
  });
});

describe('java archives', () => {
  it('reads real Debian jars: pom.properties of commons-cli; nothing from a jar without Maven metadata', () => {
    const ps = parseJavaArchive('/usr/share/java/commons-cli.jar', fx('java/commons-cli-1.5.0.jar'));
    assert.deepEqual(ps.map((p) => [p.name, p.version, p.namespace]), [['commons-cli:commons-cli', '1.5.0', 'commons-cli']]);
    assert.deepEqual(parseJavaArchive('/usr/share/java/aopalliance-1.0.jar', fx('java/aopalliance-1.0.jar')), []);
  });
  const pom = (g: string, a: string, v: string) => strToU8(`#Generated by Maven\ngroupId=${g}\nartifactId=${a}\nversion=${v}\n`);
  it('reads pom.properties, nested jars in a war, and MANIFEST.MF as a fallback', () => {
    const inner = zipSync({ 'META-INF/maven/org.yaml/snakeyaml/pom.properties': pom('org.yaml', 'snakeyaml', '1.33') });
    const manifestOnly = zipSync({ 'META-INF/MANIFEST.MF': strToU8('Manifest-Version: 1.0\nImplementation-Vendor-Id: com.example\nImplementation-Title: tool\nImplementation-Version: 2.0\n\n') });
    const war = zipSync({
      'META-INF/maven/com.example/app/pom.properties': pom('com.example', 'app', '1.0.0'),
      'WEB-INF/lib/snakeyaml-1.33.jar': inner,
      'WEB-INF/lib/tool.jar': manifestOnly,
    });
    const ps = parseJavaArchive('/app.war', Buffer.from(war));
    assert.deepEqual(nv(ps), ['com.example:app@1.0.0', 'org.yaml:snakeyaml@1.33', 'com.example:tool@2.0']);
    assert.equal(ps[1]!.location?.path, '/app.war!/WEB-INF/lib/snakeyaml-1.33.jar');
    assert.equal(ps[0]!.namespace, 'com.example');
    assert.throws(() => parseJavaArchive('/x.jar', Buffer.from('PK not really')), /not a readable zip/);
  });
});
