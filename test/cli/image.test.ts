import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const OCI = 'test/fixtures/oci';

describe('kubeward image scan / sbom', () => {
  it('prints metadata, package counts per type and the findings', async () => {
    const r = await runCli(['image', 'scan', `oci-layout:${OCI}/layout:v1`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /distro +Alpine Linux v3\.9 \(alpine 3\.9\.2\)/);
    assert.match(r.stdout, /Packages \(858\)\n {2}apk +15\n {2}deb +843/);
    assert.match(r.stdout, /CRITICAL image-root-empty-password .*\(\/etc\/shadow:1\)/);
  });

  it('-o json has the full package list, and --fail-on sets the exit code', async () => {
    const r = await runCli(['image', 'scan', `docker-archive:${OCI}/alpine-dpkg-v2-docker.tar`, '-o', 'json', '--fail-on', 'medium']);
    assert.equal(r.code, 1, 'image-runs-as-root is medium');
    const doc = JSON.parse(r.stdout) as { schemaVersion: number; packages: { name: string; version: string }[]; distro: { versionId: string }; findings: { checkId: string }[] };
    assert.equal(doc.schemaVersion, 1);
    assert.equal(doc.packages.length, 15);
    assert.equal(doc.packages.find((p) => p.name === 'sqlite-libs')!.version, '3.28.0-r0');
    // The missing HEALTHCHECK is hygiene: shown with --profile all only (issue 20).
    assert.deepEqual(doc.findings.map((f) => f.checkId), ['image-runs-as-root']);
    const all = JSON.parse((await runCli(['image', 'scan', `docker-archive:${OCI}/alpine-dpkg-v2-docker.tar`, '-o', 'json', '--profile', 'all'])).stdout) as typeof doc;
    assert.deepEqual(all.findings.map((f) => f.checkId), ['image-runs-as-root', 'image-no-healthcheck']);
    const ok = await runCli(['image', 'scan', `docker-archive:${OCI}/alpine-dpkg-v2-docker.tar`, '--fail-on', 'critical']);
    assert.equal(ok.code, 0);
  });

  it('writes SBOMs to a file, reproducibly with SOURCE_DATE_EPOCH', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-sbom-'));
    try {
      const env = { SOURCE_DATE_EPOCH: '1557360000' };
      const a = await runCli(['image', 'sbom', `oci-archive:${OCI}/alpine-dpkg-v1-oci.tar`, '-o', 'spdx-json', '--output', join(dir, 'a.json')], { env });
      const b = await runCli(['image', 'sbom', `oci-layout:${OCI}/layout:v1`, '-o', 'spdx-json', '--output', join(dir, 'b.json')], { env });
      assert.equal(a.code, 0, a.stderr);
      assert.equal(b.code, 0, b.stderr);
      const da = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) as { creationInfo: { created: string }; packages: unknown[] };
      assert.equal(da.creationInfo.created, '2019-05-09T00:00:00Z');
      assert.equal(da.packages.length, 860);
      const c = await runCli(['image', 'sbom', `oci-layout:${OCI}/layout:v1`], { env });
      assert.equal(JSON.parse(c.stdout).specVersion, '1.6');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('usage and image errors exit 2 with a message', async () => {
    const bad = await runCli(['image', 'scan', `oci-layout:${OCI}/layout:v9`]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no tag "v9" in the layout \(tags: v1, v2\)/);
    const fmt = await runCli(['image', 'sbom', `oci-layout:${OCI}/layout:v1`, '-o', 'xml']);
    assert.equal(fmt.code, 2);
    assert.match(fmt.stderr, /--format must be one of cyclonedx-json, spdx-json \(got "xml"\)/);
    const plat = await runCli(['image', 'scan', `oci-layout:${OCI}/layout:v1`, '--platform', 'linux']);
    assert.equal(plat.code, 2);
    assert.match(plat.stderr, /--platform must be os\/arch/);
  });
});
