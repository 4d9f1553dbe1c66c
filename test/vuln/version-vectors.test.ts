// Every case of every ecosystem vector file in test/fixtures/vectors (see SOURCE.md there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { clean, valid } from '@renovatebot/pep440';
import semver from 'semver';
import { compareApk, isValidApkVersion, matchApk } from '../../src/vuln/version/apk.js';
import { compareDpkg, compareDpkgPart, isValidDpkgVersion } from '../../src/vuln/version/dpkg.js';
import { comparePep440 } from '../../src/vuln/version/pep440.js';
import { satisfiesPep440 } from '../../src/vuln/version/pep440-specifier.js';
import { rpmvercmp } from '../../src/vuln/version/rpm.js';

const vectors = (f: string) => JSON.parse(readFileSync(new URL(`../fixtures/vectors/${f}`, import.meta.url), 'utf8'));
const fails = <T>(cases: T[], ok: (c: T) => boolean) => cases.filter((c) => !ok(c));

for (const file of ['apk.json', 'apk-2.14.json']) {
  test(`apk: ${file}`, () => {
    const d = vectors(file);
    assert.ok(d.compare.length > 700);
    assert.deepEqual(fails(d.compare, (c: any) => compareApk(c.a, c.b) === c.cmp), []);
    assert.deepEqual(fails(d.compare, (c: any) => compareApk(c.b, c.a) === -c.cmp), []);
    assert.deepEqual(fails(d.match, (c: any) => matchApk(c.a, c.op, c.b) === c.expect), []);
    assert.deepEqual(fails(d.valid, (v: string) => isValidApkVersion(v)), []);
    assert.deepEqual(fails(d.invalid, (v: string) => !isValidApkVersion(v)), []);
  });
}

test('dpkg: dpkg.json', () => {
  const d = vectors('dpkg.json');
  assert.deepEqual(fails(d.compare, (c: any) => (c.cmp_not !== undefined ? compareDpkg(c.a, c.b) !== c.cmp_not : compareDpkg(c.a, c.b) === c.cmp)), []);
  const fn: Record<string, (a: string, b: string) => number> = { version_compare: compareDpkg, version_compare_part: compareDpkgPart, version_compare_string: compareDpkgPart };
  for (const s of d.sorts) assert.deepEqual([...s.unsorted].sort(fn[s.function]), s.expected, s.function);
  assert.deepEqual(fails(d.valid, (v: string) => isValidDpkgVersion(v)), []);
  assert.deepEqual(fails([...d.invalid, ...d.invalid_perl], (v: string) => !isValidDpkgVersion(v)), []);
});

test('rpm: rpm.json (rpmvercmp, including the commented oddities rpm 4.18 agrees with)', () => {
  const d = vectors('rpm.json');
  assert.equal(d.compare.length, 91);
  assert.deepEqual(fails([...d.compare, ...d.commented_oddities], (c: any) => rpmvercmp(c.a, c.b) === c.cmp), []);
});

test('pep440: pep440.json (order, validity, normalisation, specifiers)', () => {
  const d = vectors('pep440.json');
  assert.equal(d.compare.length, 4278);
  assert.deepEqual(fails(d.compare, (c: any) => comparePep440(c.a, c.b) === c.cmp && comparePep440(c.b, c.a) === -c.cmp), []);
  assert.deepEqual(fails(d.invalid, (v: string) => valid(v) === null), []);
  assert.deepEqual(fails(d.normalized, (c: any) => clean(c.version) === c.normalized), []);
  assert.deepEqual(fails(d.specifiers, (c: any) => satisfiesPep440(c.version, c.specifier) === c.included), []);
});

test('semver: semver.json', () => {
  const d = vectors('semver.json');
  assert.deepEqual(fails(d.compare, (c: any) => semver.compare(c.a, c.b, c.options ?? {}) === c.cmp), []);
  assert.deepEqual(fails(d.ranges, (c: any) => semver.satisfies(c.version, c.range, c.options ?? {}) === c.included), []);
  assert.deepEqual(fails(d.valid, (c: any) => { const p = semver.parse(c.version); return !!p && p.major === c.major && p.minor === c.minor && p.patch === c.patch && JSON.stringify(p.prerelease) === JSON.stringify(c.prerelease) && JSON.stringify(p.build) === JSON.stringify(c.build); }), []);
  assert.deepEqual(fails(d.invalid, (c: any) => semver.valid(c.type === 'object' ? ({ toString: () => c.version } as unknown as string) : c.version) === null), []);
});
