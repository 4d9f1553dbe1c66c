import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

let dir: string;
let db: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-image-'));
  db = join(dir, 'db.sqlite');
});
after(() => rm(dir, { recursive: true, force: true }));

test('db import prints counts per source; db info shows them; the example SBOM gives the known answers', async () => {
  const imp = await runCli(['db', 'import', 'test/fixtures/advisories', '--db', db]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, /^alpine-secdb\s+3 files\s+3202 advisories \(2143 added, 0 updated, 1059 unchanged\)$/m);
  assert.match(imp.stdout, /^debian-tracker\s+10 files\s+10 advisories/m);
  assert.match(imp.stdout, /^osv\s+33 files\s+33 advisories \(33 added/m);
  const info = await runCli(['db', 'info', '--db', db, '-o', 'json']);
  assert.equal(info.code, 0, info.stderr);
  const i = JSON.parse(info.stdout);
  assert.equal(i.schemaVersion, '1.0');
  assert.equal(i.kind, 'AdvisoryDbInfo');
  assert.equal(i.databaseSchemaVersion, 1);
  assert.equal(i.sources.find((s: { source: string }) => s.source === 'osv').advisories, 33);

  const scan = await runCli(['image', 'scan', '--sbom', 'examples/sbom/alpine-3.9.cdx.json', '--db', db, '-o', 'json']);
  assert.equal(scan.code, 0, scan.stderr);
  const r = JSON.parse(scan.stdout);
  assert.deepEqual(r.distro, { id: 'alpine', versionId: '3.9.2' });
  assert.equal(r.summary.packages, 15);
  const sqlite = r.vulnerabilities.filter((v: { package: { name: string } }) => v.package.name === 'sqlite-libs').map((v: { id: string; fixedIn: string }) => `${v.id}@${v.fixedIn}`);
  assert.deepEqual(sqlite.sort(), ['CVE-2019-16168@3.28.0-r1', 'CVE-2019-5018@3.28.0-r0', 'CVE-2019-8457@3.28.0-r0']);
  assert.ok(!r.vulnerabilities.some((v: { id: string }) => v.id === 'CVE-2018-20346'));

  const table = await runCli(['image', 'scan', '--sbom', 'examples/sbom/alpine-3.9.cdx.json', '--db', db, '--fail-on', 'info']);
  assert.equal(table.code, 1, 'info = any vulnerability, unknown severity included');
  assert.match(table.stdout, /^sqlite-libs\s+3\.26\.0-r3\s+CVE-2019-8457\s+UNKNOWN\s+3\.28\.0-r0\s+alpine-secdb:v3\.9\/main$/m);
  assert.match(table.stdout, /15 packages on alpine 3\.9\.2, 24 vulnerabilities/);
});

test('image scan: --fail-on against severities from CVSS; image and --sbom together are a usage error; a missing database too', async () => {
  await runCli(['db', 'import', 'test/fixtures/advisories/osv/npm', '--db', db]);
  const sbom = join(dir, 'npm.cdx.json');
  await writeFile(sbom, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'semver', version: '7.5.1', purl: 'pkg:npm/semver@7.5.1' }] }));
  const medium = await runCli(['image', 'scan', '--sbom', sbom, '--db', db, '--fail-on', 'medium']);
  assert.equal(medium.code, 1, medium.stderr);
  assert.match(medium.stdout, /GHSA-c2qf-rxjj-qqgw\s+MEDIUM\s+7\.5\.2\s+osv:npm/);
  const high = await runCli(['image', 'scan', '--sbom', sbom, '--db', db, '--fail-on', 'high']);
  assert.equal(high.code, 0);
  const both = await runCli(['image', 'scan', 'alpine:3.9', '--sbom', sbom, '--db', db]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /either an image or --sbom FILE, not both/);
  const missing = await runCli(['image', 'scan', '--sbom', sbom, '--db', join(dir, 'nope.sqlite')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no advisory database at .*nope\.sqlite.*kubeward db import/);
  const bad = await runCli(['image', 'scan', '--sbom', sbom, '--db', db, '--fail-on', 'severe']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--fail-on must be one of/);
});

test('db import with a bad file: exit 1, the error on stderr, the good files imported; KUBEWARD_DB picks the file', async () => {
  const d = join(dir, 'in');
  const other = join(dir, 'env.sqlite');
  await rm(d, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(d));
  await writeFile(join(d, 'bad.json'), '{"id": "GHSA-x", "affected": 3}');
  await writeFile(join(d, 'good.json'), JSON.stringify({ id: 'GHSA-y', modified: '2024-01-01T00:00:00Z', affected: [] }));
  const r = await runCli(['db', 'import', d], { env: { KUBEWARD_DB: other } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad\.json: GHSA-x: "affected" must be a list/);
  assert.match(r.stdout, /^osv\s+1 files\s+1 advisories/m);
  assert.match(r.stdout, new RegExp(`database: ${other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});

test('image scan of the OCI fixture from every local source kind: the known answers, with and without a database', async () => {
  const full = join(dir, 'full.sqlite');
  assert.equal((await runCli(['db', 'import', 'test/fixtures/advisories', '--db', full])).code, 0);
  const sources = {
    v1: ['oci-layout:test/fixtures/oci/layout:v1', 'docker-archive:test/fixtures/oci/alpine-dpkg-v1-docker.tar', 'oci-archive:test/fixtures/oci/alpine-dpkg-v1-oci.tar'],
    v2: ['oci-layout:test/fixtures/oci/layout:v2', 'docker-archive:test/fixtures/oci/alpine-dpkg-v2-docker.tar', 'oci-archive:test/fixtures/oci/alpine-dpkg-v2-oci.tar'],
  };
  const sqliteVulns = (doc: { vulnerabilities: { matches: { id: string; package: { name: string }; fixedIn?: string }[] } }) =>
    doc.vulnerabilities.matches.filter((m) => m.package.name === 'sqlite-libs').map((m) => `${m.id}@${m.fixedIn}`).sort();
  for (const [tag, refs] of Object.entries(sources)) {
    for (const ref of refs) {
      const r = await runCli(['image', 'scan', ref, '--db', full, '-o', 'json']);
      assert.equal(r.code, 0, `${ref}: ${r.stderr}`);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.vulnerabilities.checked, true, ref);
      assert.deepEqual(doc.distro.versionId, '3.9.2', ref);
      // facts.json: sqlite 3.26.0 is affected by CVE-2019-8457 (fixed in 3.28.0-r0 on Alpine 3.9), never by CVE-2018-20346.
      assert.ok(!doc.vulnerabilities.matches.some((m: { id: string }) => m.id === 'CVE-2018-20346'), ref);
      if (tag === 'v1') assert.deepEqual(sqliteVulns(doc), ['CVE-2019-16168@3.28.0-r1', 'CVE-2019-5018@3.28.0-r0', 'CVE-2019-8457@3.28.0-r0'], ref);
      else assert.deepEqual(sqliteVulns(doc), ['CVE-2019-16168@3.28.0-r1'], ref);
      const findings = doc.findings.map((f: { checkId: string }) => f.checkId);
      assert.equal(findings.includes('image-root-empty-password'), tag === 'v1', ref);
    }
  }
  const noDb = await runCli(['image', 'scan', sources.v1[0]!, '-o', 'json'], { env: { XDG_CACHE_HOME: join(dir, 'empty-cache'), KUBEWARD_DB: '' } });
  assert.equal(noDb.code, 0, noDb.stderr);
  const d = JSON.parse(noDb.stdout);
  assert.equal(d.vulnerabilities.checked, false);
  assert.match(d.vulnerabilities.reason, /no advisory database at .*vulnerabilities were not checked/);
  assert.ok(d.packages.length > 800, 'packages are still listed');
  const table = await runCli(['image', 'scan', sources.v1[0]!, '--db', full, '--fail-on', 'critical']);
  assert.equal(table.code, 1, 'the empty root password is a critical image finding');
  assert.match(table.stdout, /^sqlite-libs\s+3\.26\.0-r3\s+CVE-2019-8457\s+UNKNOWN\s+3\.28\.0-r0/m);
});
