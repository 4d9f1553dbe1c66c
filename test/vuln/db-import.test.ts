import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { zipSync, strToU8 } from 'fflate';
import { importPaths } from '../../src/vuln/db/import.js';
import { AdvisoryDb, DbError, defaultDbPath, SCHEMA_VERSION } from '../../src/vuln/db/sqlite-store.js';
import { cleanIds } from '../../src/vuln/db/alpine-secdb.js';
import { matchPackages } from '../../src/vuln/match.js';
import { ADVISORIES, pkg, tempDir } from './helpers.js';

const osv = (id: string, fixed: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }], ...extra });

test('import of the fixture set: counts per source; a second import changes nothing; the store answers the same', () => {
  const t = tempDir();
  try {
    const db = AdvisoryDb.open(join(t.dir, 'db.sqlite'), { create: true });
    const first = importPaths(db, [ADVISORIES]);
    assert.deepEqual(first.errors, []);
    assert.equal(first.sources['alpine-secdb']?.files, 3);
    assert.equal(first.sources['debian-tracker']?.files, 10);
    assert.equal(first.sources.osv?.files, 33);
    // v3.9 YAML and JSON are the same data: the second of them is all "unchanged".
    assert.equal(first.sources['alpine-secdb']?.unchanged, 1059);
    assert.ok(first.skipped.some((s) => s.reason.startsWith('Debian package index')));
    const info1 = db.info();
    const second = importPaths(db, [ADVISORIES]);
    for (const c of Object.values(second.sources)) assert.equal(c.added + c.updated, 0);
    const info2 = db.info();
    assert.deepEqual(info2.sources, info1.sources);
    assert.equal(info2.affectedEntries, info1.affectedEntries);
    assert.equal(info2.schemaVersion, SCHEMA_VERSION);
    assert.deepEqual(info1.sources.map((s) => s.source), ['alpine-secdb:v3.8/main', 'alpine-secdb:v3.9/main', 'debian-tracker', 'osv']);
    db.close();
  } finally {
    t.done();
  }
});

test('re-import with a changed advisory updates it in place (no stale ranges)', () => {
  const t = tempDir();
  try {
    const db = AdvisoryDb.open(join(t.dir, 'db.sqlite'), { create: true });
    const f = join(t.dir, 'a.json');
    writeFileSync(f, osv('GHSA-test', '1.0.0'));
    assert.equal(importPaths(db, [f]).sources.osv?.added, 1);
    assert.equal(matchPackages(db, [pkg('npm', 'left-pad', '1.5.0')]).length, 0);
    writeFileSync(f, osv('GHSA-test', '2.0.0'));
    assert.equal(importPaths(db, [f]).sources.osv?.updated, 1);
    const ms = matchPackages(db, [pkg('npm', 'left-pad', '1.5.0')]);
    assert.deepEqual(ms.map((m) => [m.id, m.fixedIn]), [['GHSA-test', '2.0.0']]);
    assert.equal(db.info().affectedEntries, 1);
    db.close();
  } finally {
    t.done();
  }
});

test('bad input: each bad file is one clear error and everything else is imported', () => {
  const t = tempDir();
  try {
    const d = join(t.dir, 'in');
    mkdirSync(d);
    writeFileSync(join(d, '1-good.json'), osv('GHSA-good', '1.0.0'));
    writeFileSync(join(d, '2-truncated.json'), osv('GHSA-cut', '1.0.0').slice(0, 40));
    writeFileSync(join(d, '3-wrong-types.json'), JSON.stringify({ id: 'GHSA-types', modified: 'x', affected: { package: 'npm' } }));
    writeFileSync(join(d, '4-bad-event.json'), JSON.stringify({ id: 'GHSA-ev', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ fixed: 3 }] }] }] }));
    writeFileSync(join(d, '5-not-advisory.json'), JSON.stringify({ hello: 'world' }));
    writeFileSync(join(d, '6-bad.yaml'), 'id: [unclosed\n');
    writeFileSync(join(d, '7-bad.zip'), 'PK\u0003\u0004 this is not really a zip');
    writeFileSync(join(d, '8-latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    writeFileSync(join(d, 'README.md'), 'ignored: not an advisory file type');
    const db = AdvisoryDb.open(join(t.dir, 'db.sqlite'), { create: true });
    const r = importPaths(db, [d, join(t.dir, 'missing-dir')]);
    const errs = Object.fromEntries(r.errors.map((e) => [e.path.slice(t.dir.length + 1), e.message]));
    assert.deepEqual(Object.keys(errs).sort(), ['in/2-truncated.json', 'in/3-wrong-types.json', 'in/4-bad-event.json', 'in/5-not-advisory.json', 'in/6-bad.yaml', 'in/7-bad.zip', 'in/8-latin1.json', 'missing-dir']);
    assert.match(errs['in/2-truncated.json']!, /cannot parse/);
    assert.match(errs['in/3-wrong-types.json']!, /GHSA-types: "affected" must be a list/);
    assert.match(errs['in/4-bad-event.json']!, /must have a string version/);
    assert.match(errs['in/5-not-advisory.json']!, /not a recognised advisory format/);
    assert.match(errs['in/7-bad.zip']!, /bad zip/);
    assert.match(errs['missing-dir']!, /ENOENT/);
    assert.equal(r.sources.osv?.added, 1);
    assert.equal(matchPackages(db, [pkg('npm', 'left-pad', '0.9.0')])[0]?.id, 'GHSA-good');
    db.close();
  } finally {
    t.done();
  }
});

test('zip files: OSV entries (JSON and YAML, nested folders) are imported, other entries ignored, one bad entry is reported', () => {
  const t = tempDir();
  try {
    const yamlDoc = readFileSync(join(ADVISORIES, 'osv/pypi/jinja2', 'PYSEC-2014-8.yaml'), 'utf8');
    const zip = zipSync({
      'all/GHSA-z1.json': strToU8(osv('GHSA-z1', '1.0.0')),
      'all/sub/PYSEC-2014-8.yaml': strToU8(yamlDoc),
      'all/broken.json': strToU8('{"id": '),
      'LICENSE': strToU8('CC-BY-4.0'),
    });
    const z = join(t.dir, 'npm.zip');
    writeFileSync(z, zip);
    const db = AdvisoryDb.open(join(t.dir, 'db.sqlite'), { create: true });
    const r = importPaths(db, [z]);
    assert.equal(r.sources.osv?.added, 2);
    assert.deepEqual(r.errors.map((e) => e.path.slice(t.dir.length + 1)), ['npm.zip!all/broken.json']);
    assert.equal(matchPackages(db, [pkg('pypi', 'Jinja2', '2.7.1')]).some((m) => m.id === 'PYSEC-2014-8'), true);
    const many = join(t.dir, 'many.zip');
    writeFileSync(many, zipSync(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`osv/GHSA-m${i}.json`, strToU8(osv(`GHSA-m${i}`, '1.0.0'))]))));
    const rm = importPaths(db, [many]);
    assert.deepEqual(rm.errors, []);
    assert.equal(rm.sources.osv?.added, 5000, 'every entry of a many-entry zip');
    // A valid archive whose first entry's deflate data is damaged: that entry is an error, the next one imports.
    const two = zipSync({ 'a/GHSA-bad.json': strToU8(osv('GHSA-bad', '1.0.0', { details: 'x'.repeat(4000) })), 'a/GHSA-next.json': strToU8(osv('GHSA-next', '1.0.0')) });
    const dataStart = 30 + 'a/GHSA-bad.json'.length;
    for (let i = dataStart; i < dataStart + 12; i++) two[i] = 0xff;
    const damaged = join(t.dir, 'damaged.zip');
    writeFileSync(damaged, two);
    const rd = importPaths(db, [damaged]);
    assert.deepEqual(rd.errors.map((e) => e.path.slice(t.dir.length + 1)), ['damaged.zip!a/GHSA-bad.json']);
    assert.match(rd.errors[0]!.message, /bad zip entry: corrupt deflate data/);
    assert.equal(rd.sources.osv?.added, 1);
    const cut = join(t.dir, 'cut.zip');
    writeFileSync(cut, zip.slice(0, Math.floor(zip.length / 2)));
    const r2 = importPaths(db, [cut]);
    assert.equal(r2.errors.length, 1);
    assert.match(r2.errors[0]!.message, /bad zip file/);
    db.close();
  } finally {
    t.done();
  }
});

test('store: open refuses a missing file, a foreign SQLite file and a newer schema; default path honours XDG_CACHE_HOME', () => {
  const t = tempDir();
  try {
    assert.throws(() => AdvisoryDb.open(join(t.dir, 'none.sqlite'), { create: false }), (e: unknown) => e instanceof DbError && /kubeward db import/.test(e.message));
    const foreign = new Database(join(t.dir, 'foreign.sqlite'));
    foreign.exec('CREATE TABLE x (a)');
    foreign.close();
    assert.throws(() => AdvisoryDb.open(join(t.dir, 'foreign.sqlite'), { create: true }), /not a kubeward advisory database/);
    const newer = new Database(join(t.dir, 'newer.sqlite'));
    newer.pragma('user_version = 99');
    newer.close();
    assert.throws(() => AdvisoryDb.open(join(t.dir, 'newer.sqlite'), { create: false }), /schema version 99/);
    writeFileSync(join(t.dir, 'garbage.sqlite'), 'not sqlite at all, just text that is long enough to be read as a header......');
    assert.throws(() => AdvisoryDb.open(join(t.dir, 'garbage.sqlite'), { create: false }), (e: unknown) => e instanceof DbError && /cannot open/.test(e.message));
    assert.equal(defaultDbPath({ XDG_CACHE_HOME: '/x/cache' }), '/x/cache/kubeward/db.sqlite');
    assert.match(defaultDbPath({}), /\/\.cache\/kubeward\/db\.sqlite$/);
  } finally {
    t.done();
  }
});

test('Alpine secdb id quirks are cleaned', () => {
  assert.deepEqual(cleanIds('CVE 2018-16859'), ['CVE-2018-16859']);
  assert.deepEqual(cleanIds('CVE_2019-2426'), ['CVE-2019-2426']);
  assert.deepEqual(cleanIds('CVE-2019-5060 TALOS-2019-0844'), ['CVE-2019-5060', 'TALOS-2019-0844']);
  assert.deepEqual(cleanIds('CVE-2019-19451.patch'), ['CVE-2019-19451']);
  assert.deepEqual(cleanIds('CVE-????-?????  XSA-295'), ['XSA-295']);
  assert.deepEqual(cleanIds('CVE-2017-17434-1'), ['CVE-2017-17434']);
  assert.deepEqual(cleanIds('nonsense'), []);
});

test('severity of a distro match comes from another record of the same vulnerability, when one states it', () => {
  const t = tempDir();
  try {
    const db = AdvisoryDb.open(join(t.dir, 'db.sqlite'), { create: true });
    importPaths(db, [join(ADVISORIES, 'alpine-secdb/json/v3.9')]);
    const sqlite = pkg('apk', 'sqlite-libs', '3.26.0-r3', { sourceName: 'sqlite' });
    const distro = { id: 'alpine', versionId: '3.9.2' };
    assert.equal(matchPackages(db, [sqlite], distro).find((m) => m.id === 'CVE-2019-8457')?.severity, 'unknown', 'secdb states none');
    const f = join(t.dir, 'osv.json');
    writeFileSync(f, JSON.stringify({ id: 'OSV-TEST-1', modified: 'x', aliases: ['CVE-2019-8457'], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }], affected: [] }));
    importPaths(db, [f]);
    const ms = matchPackages(db, [sqlite], distro);
    assert.equal(ms.find((m) => m.id === 'CVE-2019-8457')?.severity, 'critical');
    assert.equal(ms.find((m) => m.id === 'CVE-2019-5018')?.severity, 'unknown');
    assert.equal(ms[0]!.id, 'CVE-2019-8457', 'sorted worst first');
    // Re-importing the record without a severity takes the loan back.
    writeFileSync(f, JSON.stringify({ id: 'OSV-TEST-1', modified: 'y', aliases: ['CVE-2019-8457'], affected: [] }));
    importPaths(db, [f]);
    assert.equal(matchPackages(db, [sqlite], distro).find((m) => m.id === 'CVE-2019-8457')?.severity, 'unknown');
    db.close();
  } finally {
    t.done();
  }
});
