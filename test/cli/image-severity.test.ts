import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

/** One OSV advisory for npm package `name` < 2.0.0, with the given severity fields. */
const osv = (id: string, name: string, extra: Record<string, unknown>, affectedExtra: Record<string, unknown> = {}) => ({
  id,
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }], ...affectedExtra }],
  ...extra,
});

const ADVISORIES = [
  // FIRST's CVSS v4.0 calculator: 9.3 (critical) and 4.6 (medium).
  osv('TEST-V4-CRIT', 'sev-v4-critical', { severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] }),
  osv('TEST-V4-MED', '@scope/sev-v4-medium', { severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N' }] }),
  // CVSS v3.1: 9.8.
  osv('TEST-V3', 'sev-v3', { severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] }),
  osv('TEST-GHSA-LOW', 'sev-ghsa-low', { database_specific: { severity: 'LOW' } }),
  osv('TEST-ECO-HIGH', 'sev-eco-high', {}, { ecosystem_specific: { severity: 'HIGH' } }),
  osv('TEST-BAD-VECTOR', 'sev-bad-vector', { severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L' }] }),
  osv('TEST-NONE', 'sev-none', {}),
];

let dir: string;
let db: string;
const sbom = (names: string[]) => {
  const f = join(dir, `${names.join('_').replace(/[@/]/g, '')}.cdx.json`);
  return writeFile(f, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: names.map((n) => ({ type: 'library', name: n, version: '1.0.0', purl: `pkg:npm/${n.replace('@', '%40')}@1.0.0` })) })).then(() => f);
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-sev-'));
  db = join(dir, 'db.sqlite');
  await mkdir(join(dir, 'osv'));
  for (const a of ADVISORIES) await writeFile(join(dir, 'osv', `${a.id}.json`), JSON.stringify(a));
  const r = await runCli(['db', 'import', join(dir, 'osv'), '--db', db]);
  assert.equal(r.code, 0, r.stderr);
});
after(() => rm(dir, { recursive: true, force: true }));

test('severity comes from the advisory: CVSS v4 and v3 vectors, the database rating, the ecosystem rating; unknown stays unknown', async () => {
  const all = await sbom(['sev-v4-critical', '@scope/sev-v4-medium', 'sev-v3', 'sev-ghsa-low', 'sev-eco-high', 'sev-bad-vector', 'sev-none']);
  const r = await runCli(['image', 'scan', '--sbom', all, '--db', db, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { vulnerabilities: { id: string; severity: string }[] };
  const sev = Object.fromEntries(doc.vulnerabilities.map((v) => [v.id, v.severity]));
  assert.deepEqual(sev, {
    'TEST-V4-CRIT': 'critical',
    'TEST-V4-MED': 'medium',
    'TEST-V3': 'critical',
    'TEST-GHSA-LOW': 'low',
    'TEST-ECO-HIGH': 'high',
    'TEST-BAD-VECTOR': 'unknown',
    'TEST-NONE': 'unknown',
  });
  const table = await runCli(['image', 'scan', '--sbom', all, '--db', db]);
  assert.match(table.stdout, /^sev-none\s+1\.0\.0\s+TEST-NONE\s+UNKNOWN\s/m);
  assert.match(table.stdout, /^@scope\/sev-v4-medium\s+1\.0\.0\s+TEST-V4-MED\s+MEDIUM\s/m);
});

test('--fail-on leaves unknown severities out and says so; --fail-on-unknown (or KUBEWARD_FAIL_ON_UNKNOWN) counts them; info counts everything', async () => {
  const unknownOnly = await sbom(['sev-none', 'sev-bad-vector']);
  const low = await runCli(['image', 'scan', '--sbom', unknownOnly, '--db', db, '--fail-on', 'low']);
  assert.equal(low.code, 0, low.stderr);
  assert.match(low.stderr, /2 vulnerabilities have an unknown severity \(no advisory rates it\) and do not count for --fail-on low; add --fail-on-unknown/);
  const flag = await runCli(['image', 'scan', '--sbom', unknownOnly, '--db', db, '--fail-on', 'critical', '--fail-on-unknown']);
  assert.equal(flag.code, 1);
  assert.doesNotMatch(flag.stderr, /unknown severity/);
  const env = await runCli(['image', 'scan', '--sbom', unknownOnly, '--db', db, '--fail-on', 'high'], { env: { KUBEWARD_FAIL_ON_UNKNOWN: 'true' } });
  assert.equal(env.code, 1);
  const info = await runCli(['image', 'scan', '--sbom', unknownOnly, '--db', db, '--fail-on', 'info']);
  assert.equal(info.code, 1);
  const lowRated = await sbom(['sev-ghsa-low']);
  assert.equal((await runCli(['image', 'scan', '--sbom', lowRated, '--db', db, '--fail-on', 'low'])).code, 1);
  assert.equal((await runCli(['image', 'scan', '--sbom', lowRated, '--db', db, '--fail-on', 'medium'])).code, 0);
});
