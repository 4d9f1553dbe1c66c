// Known answers from ../shared/vulndata/advisories/design-doc-cves/facts.json, against the real fixture advisories.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AdvisoryDb } from '../../src/vuln/db/sqlite-store.js';
import { matchPackages, matchReport } from '../../src/vuln/match.js';
import { fixtureDb, pkg } from './helpers.js';

let db: AdvisoryDb;
let done: () => void;
before(() => ({ db, done } = fixtureDb()));
after(() => done());

const alpine = (versionId: string) => ({ id: 'alpine', versionId });
const sqliteLibs = (version: string) => pkg('apk', 'sqlite-libs', version, { sourceName: 'sqlite', namespace: 'alpine' });
const byId = (ms: ReturnType<typeof matchPackages>) => Object.fromEntries(ms.map((m) => [m.id, m]));

test('Alpine 3.9: sqlite-libs 3.26.0-r3 (origin sqlite) is affected by CVE-2019-8457 (fixed 3.28.0-r0), not by CVE-2018-20346', () => {
  const ms = byId(matchPackages(db, [sqliteLibs('3.26.0-r3')], alpine('3.9.2')));
  assert.equal(ms['CVE-2019-8457']?.fixedIn, '3.28.0-r0');
  assert.equal(ms['CVE-2019-8457']?.source, 'alpine-secdb:v3.9/main');
  assert.equal(ms['CVE-2019-8457']?.package.name, 'sqlite-libs');
  assert.equal(ms['CVE-2019-5018']?.fixedIn, '3.28.0-r0');
  assert.equal(ms['CVE-2019-16168']?.fixedIn, '3.28.0-r1');
  assert.equal(ms['CVE-2018-20346'], undefined);
  assert.deepEqual(Object.keys(ms).sort(), ['CVE-2019-16168', 'CVE-2019-5018', 'CVE-2019-8457']);
});

test('Alpine 3.9, image v2: sqlite-libs 3.28.0-r0 keeps only CVE-2019-16168', () => {
  assert.deepEqual(matchPackages(db, [sqliteLibs('3.28.0-r0')], alpine('3.9.2')).map((m) => m.id), ['CVE-2019-16168']);
});

test('release awareness: v3.8 fixes CVE-2019-8457 in 3.25.3-r1, and CVE-2018-20346 first in 3.25.3-r0', () => {
  const ms = byId(matchPackages(db, [sqliteLibs('3.25.3-r0')], alpine('3.8.4')));
  assert.equal(ms['CVE-2019-8457']?.fixedIn, '3.25.3-r1');
  assert.equal(ms['CVE-2019-8457']?.source, 'alpine-secdb:v3.8/main');
  assert.equal(ms['CVE-2018-20346'], undefined, 'listed twice upstream (r0 and r2): the first fix counts');
  assert.deepEqual(Object.keys(byId(matchPackages(db, [sqliteLibs('3.25.3-r1')], alpine('3.8.4')))), []);
  // The same package on 3.9 is judged by 3.9's fixes.
  assert.equal(byId(matchPackages(db, [sqliteLibs('3.25.3-r1')], alpine('3.9.0')))['CVE-2019-8457']?.fixedIn, '3.28.0-r0');
});

test('Alpine matching goes through the origin: without it, sqlite-libs finds nothing; with no release it is skipped with a reason', () => {
  assert.deepEqual(matchPackages(db, [pkg('apk', 'sqlite-libs', '3.26.0-r3')], alpine('3.9.2')), []);
  const r = matchReport(db, [sqliteLibs('3.26.0-r3')]);
  assert.equal(r.matches.length, 0);
  assert.match(r.skipped[0]!.reason, /Alpine release/);
});

const debian = (versionId: string) => ({ id: 'debian', versionId });
const deb = (name: string, version: string, source?: string) => pkg('deb', name, version, source ? { sourceName: source } : {});

test('Debian: by source package and release; 3.26.0 is affected by CVE-2019-8457 (fixed 3.27.2-3), not CVE-2018-20346', () => {
  const ms = byId(matchPackages(db, [deb('libsqlite3-0', '3.26.0-1', 'sqlite3')], debian('10')));
  assert.equal(ms['CVE-2019-8457']?.fixedIn, '3.27.2-3');
  assert.equal(ms['CVE-2019-8457']?.source, 'debian-tracker:buster');
  assert.equal(ms['CVE-2018-20346'], undefined);
  assert.deepEqual(matchPackages(db, [deb('libsqlite3-0', '3.27.2-3', 'sqlite3')], debian('10')), []);
  // sqlite (v2) is stated not affected.
  assert.deepEqual(matchPackages(db, [deb('sqlite', '2.8.17-15')], debian('10')), []);
});

test('Debian: a [release] line overrides the default line for that release only', () => {
  // CVE-2021-33560: default fixed 1.8.7-6, buster fixed 1.8.4-5+deb10u1, stretch <no-dsa>.
  assert.deepEqual(matchPackages(db, [deb('libgcrypt20', '1.8.4-5+deb10u1')], debian('10')), []);
  assert.equal(matchPackages(db, [deb('libgcrypt20', '1.8.4-5+deb10u1')], debian('11'))[0]?.fixedIn, '1.8.7-6');
  // db5.3 on bullseye: <ignored> — vulnerable, no fix.
  const db53 = matchPackages(db, [deb('libdb5.3', '5.3.28+dfsg1-0.8', 'db5.3')], debian('11'));
  assert.equal(db53.length, 1);
  assert.equal(db53[0]!.fixedIn, undefined);
  // openssl CVE-2021-3450: buster is not affected although the default line fixes 1.1.1k-1.
  assert.deepEqual(matchPackages(db, [deb('openssl', '1.1.1d-0+deb10u6')], debian('10')), []);
  assert.equal(matchPackages(db, [deb('openssl', '1.1.1j-1')], debian('11'))[0]?.id, 'CVE-2021-3450');
});

test('Debian: a DLA that fixed the release settles the CVE whose record still says <no-dsa>', () => {
  const before = matchPackages(db, [deb('libgcrypt20', '1.7.6-2+deb9u3')], debian('9'));
  assert.equal(before.length, 1, JSON.stringify(before));
  assert.equal(before[0]!.fixedIn, '1.7.6-2+deb9u4');
  assert.deepEqual(before[0]!.aliases.includes('DLA-2691-1') || before[0]!.id === 'DLA-2691-1', true);
  assert.deepEqual(matchPackages(db, [deb('libgcrypt20', '1.7.6-2+deb9u4')], debian('9')), []);
});

test('Debian: the codename comes from the version (12 → bookworm) or from the distro itself', () => {
  const gnutls = deb('libgnutls30', '3.7.9-2', 'gnutls28');
  assert.equal(matchPackages(db, [gnutls], debian('12.4'))[0]?.fixedIn, '3.7.9-2+deb12u1');
  assert.equal(matchPackages(db, [gnutls], { id: 'debian', codename: 'bookworm' })[0]?.source, 'debian-tracker:bookworm');
  assert.equal(matchPackages(db, [gnutls], { id: 'debian' })[0]?.fixedIn, '3.8.2-1', 'no version: unstable');
});

test('OSV npm: the range that contains the version gives the fix; severity from the CVSS vector', () => {
  const fix = (v: string) => matchPackages(db, [pkg('npm', 'semver', v)]).map((m) => m.fixedIn);
  assert.deepEqual(fix('7.5.1'), ['7.5.2']);
  assert.deepEqual(fix('6.3.0'), ['6.3.1']);
  assert.deepEqual(fix('5.7.1'), ['5.7.2']);
  assert.deepEqual(fix('7.5.2'), []);
  const [m] = matchPackages(db, [pkg('npm', 'semver', '7.0.0')]);
  assert.equal(m!.severity, 'medium', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L scores 5.3');
  assert.deepEqual(m!.aliases, ['CVE-2022-25883']);
  assert.equal(m!.source, 'osv:npm');
});

test('OSV PyPI: names compare per PEP 503; PYSEC and GHSA records of one CVE are reported once', () => {
  const ms = matchPackages(db, [pkg('pypi', 'Requests', '2.19.0')]);
  const ids = ms.flatMap((m) => [m.id, ...m.aliases]);
  assert.equal(new Set(ids).size, ids.length, 'no vulnerability twice');
  const m = ms.find((x) => x.id === 'PYSEC-2018-28' || x.aliases.includes('CVE-2018-18074'));
  assert.equal(m?.fixedIn, '2.20.0');
  assert.deepEqual(matchPackages(db, [pkg('pypi', 'requests', '2.32.0')]).filter((x) => x.aliases.includes('CVE-2018-18074')), []);
});

test('OSV Go: pseudo-versions order by time; fixes shown with the v prefix', () => {
  const old = pkg('golang', 'net', 'v0.0.0-20200101000000-aaaaaaaaaaaa', { namespace: 'golang.org/x' });
  const m = matchPackages(db, [old]).find((x) => x.id === 'GO-2021-0238');
  assert.equal(m?.fixedIn, 'v0.0.0-20210520170846-37e1c6afe023');
  const fixed = pkg('golang', 'net', 'v0.0.0-20210520170846-37e1c6afe023', { namespace: 'golang.org/x' });
  assert.equal(matchPackages(db, [fixed]).find((x) => x.id === 'GO-2021-0238'), undefined);
});

test('OSV Maven: group:artifact, ComparableVersion order, severity from CVSS 3.0', () => {
  const boot = (v: string) => pkg('maven', 'spring-boot', v, { namespace: 'org.springframework.boot' });
  const [m] = matchPackages(db, [boot('1.5.9.RELEASE')]);
  assert.equal(m?.id, 'GHSA-xx65-cc7g-9pfp');
  assert.equal(m?.fixedIn, '1.5.10');
  assert.equal(m?.severity, 'medium');
  assert.deepEqual(matchPackages(db, [boot('1.5.10')]), []);
  assert.deepEqual(matchPackages(db, [boot('1.4.7')]), []);
});
