import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryStore, type Advisory, type AffectedEntry } from '../../src/vuln/advisory.js';
import { matchPackages } from '../../src/vuln/match.js';
import { entryAffects, inRange } from '../../src/vuln/range.js';
import { cvss2Score, cvss3Score, cvss4Score, severityFromText } from '../../src/vuln/severity.js';
import { pkg } from './helpers.js';

const entry = (events: AffectedEntry['ranges'][0]['events'], extra: Partial<AffectedEntry> = {}, type: 'SEMVER' | 'ECOSYSTEM' | 'GIT' = 'ECOSYSTEM'): AffectedEntry => ({
  ecosystem: 'npm',
  name: 'x',
  ranges: [{ type, events }],
  versions: [],
  ...extra,
});

test('OSV ranges: introduced/fixed, several intervals, unsorted events', () => {
  const e = entry([{ fixed: '2.0.0' }, { introduced: '1.5.0' }, { introduced: '3.0.0' }, { fixed: '3.1.0' }]);
  const at = (v: string) => entryAffects(e, v, 'semver');
  assert.deepEqual(at('1.4.9'), { affected: false });
  assert.deepEqual(at('1.5.0'), { affected: true, fixedIn: '2.0.0' });
  assert.deepEqual(at('2.0.0'), { affected: false });
  assert.deepEqual(at('3.0.5'), { affected: true, fixedIn: '3.1.0' });
  assert.deepEqual(at('3.1.0'), { affected: false });
});

test('OSV ranges: last_affected (inclusive, no fix), limit, open-ended, GIT ignored', () => {
  const la = entry([{ introduced: '0' }, { last_affected: '1.2.3' }]);
  assert.deepEqual(entryAffects(la, '1.2.3', 'semver'), { affected: true });
  assert.deepEqual(entryAffects(la, '1.2.4', 'semver'), { affected: false });
  const lim = entry([{ introduced: '1.0.0' }, { limit: '1.5.0' }]);
  assert.equal(inRange('1.4.0', lim.ranges[0]!, 'semver').affected, true);
  assert.equal(inRange('1.5.0', lim.ranges[0]!, 'semver').affected, false);
  assert.deepEqual(entryAffects(entry([{ introduced: '0' }]), '99.0.0', 'semver'), { affected: true });
  assert.equal(entryAffects(entry([{ introduced: '0' }], {}, 'GIT'), '1.0.0', 'semver').affected, false);
});

test('OSV versions list: exact (and equal-by-order) versions are affected; invalid versions never match a range', () => {
  const e = entry([], { versions: ['1.0', '2.0.dev1'] });
  assert.equal(entryAffects(e, '1.0', 'pep440').affected, true);
  assert.equal(entryAffects(e, '1.0.0', 'pep440').affected, true, 'PEP 440: 1.0.0 == 1.0');
  assert.equal(entryAffects(e, '1.1', 'pep440').affected, false);
  assert.equal(entryAffects(entry([{ introduced: '0' }]), 'not a version', 'semver').affected, false);
});

test('SEMVER ranges of Go use Go versions (v prefix accepted)', () => {
  const e = { ...entry([{ introduced: '0' }, { fixed: '1.2.0' }], {}, 'SEMVER'), ecosystem: 'Go' };
  assert.deepEqual(entryAffects(e, 'v1.1.9', 'go'), { affected: true, fixedIn: '1.2.0' });
  assert.equal(entryAffects(e, 'v1.2.0+incompatible', 'go').affected, false);
});

test('dedupe by alias: GHSA and PYSEC of one CVE give one match with every name, the worst severity', () => {
  const adv = (id: string, aliases: string[], severity: Advisory['severity'], fixed: string): Advisory => ({
    source: 'osv', id, aliases, severity,
    affected: [{ ecosystem: 'PyPI', name: 'Foo_Bar', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }], versions: [] }],
  });
  const store = memoryStore([adv('PYSEC-1', ['CVE-2020-1'], 'unknown', '1.1'), adv('GHSA-a', ['CVE-2020-1', 'PYSEC-1'], 'high', '1.1'), adv('GHSA-b', [], 'low', '2.0')]);
  const ms = matchPackages(store, [pkg('pypi', 'foo.bar', '1.0')]);
  assert.equal(ms.length, 2);
  assert.equal(ms[0]!.severity, 'high');
  assert.deepEqual([ms[0]!.id, ...ms[0]!.aliases].sort(), ['CVE-2020-1', 'GHSA-a', 'PYSEC-1']);
  assert.equal(ms[1]!.id, 'GHSA-b');
  assert.deepEqual(store.severityOf!(['CVE-2020-1']), { severity: 'high' });
  assert.equal(store.severityOf!(['CVE-none']), undefined);
});

test('CVSS base scores (v3.1 and v2 specification examples)', () => {
  assert.equal(cvss3Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), 9.8);
  assert.equal(cvss3Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N'), 6.1);
  assert.equal(cvss3Score('CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N'), 5.9);
  assert.equal(cvss3Score('CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H'), 8.2);
  assert.equal(cvss3Score('CVSS:3.1/AV:N'), undefined);
  assert.equal(cvss2Score('AV:N/AC:L/Au:N/C:P/I:P/A:P'), 7.5);
  assert.equal(cvss2Score('AV:N/AC:M/Au:N/C:N/I:P/A:N'), 4.3);
});

test('CVSS v4.0 base scores (values of FIRST\'s v4.0 calculator); threat metrics are left out of the base score', () => {
  const known: Array<[string, number]> = [
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', 6.9],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N', 5.3],
    ['CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 7.3],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 7.7],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 7.7],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 4.6],
  ];
  for (const [v, score] of known) assert.equal(cvss4Score(v), score, v);
  assert.equal(cvss4Score('CVSS:4.0/AV:N/AC:L'), undefined, 'base metrics missing');
  assert.equal(cvss4Score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'), undefined, 'not a v4.0 vector');
});

test('a database\'s own rating: GitHub, Debian urgencies (starred guesses too), Ubuntu priorities; anything else unknown', () => {
  const cases: Array<[unknown, string]> = [
    ['MODERATE', 'medium'], ['CRITICAL', 'critical'], ['low**', 'low'], ['medium*', 'medium'], ['unimportant', 'low'],
    ['negligible', 'low'], ['important', 'high'], ['not yet assigned', 'unknown'], ['end-of-life', 'unknown'], [undefined, 'unknown'], [3, 'unknown'],
  ];
  for (const [text, want] of cases) assert.equal(severityFromText(text), want, String(text));
});
