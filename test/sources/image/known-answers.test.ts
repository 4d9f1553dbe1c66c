import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { scanImage, type ImageScanResult } from '../../../src/engine/scan-image.js';
import { comparable } from './scan-summary.js';
import { startFakeRegistry, type FakeRegistry } from './fake-registry.js';

const OCI = fileURLToPath(new URL('../../fixtures/oci/', import.meta.url));
const DIFF_V1 = 'sha256:2189461fc9bc91664ee5746c74c5a0f5b43ae33470524675c64b67474c031d3d';
const DIFF_V2 = 'sha256:c4ad50cbf1be4317dd7dccd2f8b8c7d28af2da90a167df092259b0e840d2e6a8';

/** The expected answers of shared/vulndata/advisories/design-doc-cves/facts.json (expected_for_oci_fixture). */
function assertV1(r: ImageScanResult): void {
  assert.deepEqual(r.distro, { id: 'alpine', versionId: '3.9.2', prettyName: 'Alpine Linux v3.9' });
  const sq = r.packages.filter((p) => p.name === 'sqlite-libs');
  assert.deepEqual(sq.map((p) => [p.version, p.sourceName, p.location.layer, p.location.path]), [['3.26.0-r3', 'sqlite', DIFF_V1, '/lib/apk/db/installed']]);
  assert.equal(sq[0]!.purl, 'pkg:apk/alpine/sqlite-libs@3.26.0-r3?arch=x86_64&distro=alpine-3.9.2&upstream=sqlite');
  assert.equal(r.packages.filter((p) => p.type === 'apk').length, 15);
  assert.equal(r.packages.filter((p) => p.type === 'deb').length, 843);
  const empty = r.findings.filter((f) => f.checkId === 'image-root-empty-password');
  assert.equal(empty.length, 1);
  assert.equal(empty[0]!.location.line, 1);
  assert.deepEqual(r.findings.map((f) => f.checkId), ['image-runs-as-root', 'image-root-empty-password', 'image-no-healthcheck']);
  assert.deepEqual(r.problems, []);
}

function assertV2(r: ImageScanResult): void {
  assert.deepEqual(r.distro, { id: 'alpine', versionId: '3.9.2', prettyName: 'Alpine Linux v3.9' });
  const sq = r.packages.filter((p) => p.name === 'sqlite-libs');
  assert.deepEqual(sq.map((p) => [p.version, p.location.layer]), [['3.28.0-r0', DIFF_V2]]);
  assert.equal(r.packages.filter((p) => p.type === 'deb').length, 0, 'the whiteout var/lib/dpkg/.wh.status deletes the dpkg status');
  assert.equal(r.packages.length, 15);
  assert.ok(!r.findings.some((f) => f.checkId === 'image-root-empty-password'), 'root is locked in v2');
  assert.deepEqual(r.image.layers.map((l) => [l.diffId, l.whiteouts]), [[DIFF_V1, 0], [DIFF_V2, 1]]);
  assert.deepEqual(r.problems, []);
}

describe('known answers from every source kind (v1, v2)', () => {
  let reg: FakeRegistry;
  let dockerConfigDir: string;
  before(async () => {
    reg = await startFakeRegistry({ layout: join(OCI, 'layout'), repo: 'fixtures/alpine-dpkg' });
    dockerConfigDir = mkdtempSync(join(tmpdir(), 'kw-dcfg-'));
    writeFileSync(join(dockerConfigDir, 'config.json'), '{}');
  });
  after(async () => {
    await reg.close();
    rmSync(dockerConfigDir, { recursive: true, force: true });
  });
  const sources = (tag: 'v1' | 'v2') => ({
    'oci-layout': `oci-layout:${OCI}layout:${tag}`,
    'docker-archive': `docker-archive:${OCI}alpine-dpkg-${tag}-docker.tar`,
    'oci-archive': `oci-archive:${OCI}alpine-dpkg-${tag}-oci.tar`,
    registry: () => `${reg.host}/fixtures/alpine-dpkg:${tag}`,
  });
  for (const tag of ['v1', 'v2'] as const) {
    it(`${tag}: the same distro, packages and findings from layout, docker-archive, oci-archive and registry`, async () => {
      const results: Record<string, ImageScanResult> = {};
      for (const [kind, ref] of Object.entries(sources(tag))) {
        const r = await scanImage(typeof ref === 'function' ? ref() : ref, { insecure: true, dockerConfig: join(dockerConfigDir, 'config.json') });
        assert.equal(r.image.source, kind);
        (tag === 'v1' ? assertV1 : assertV2)(r);
        results[kind] = r;
      }
      const base = comparable(results['oci-layout']!);
      for (const kind of ['docker-archive', 'oci-archive', 'registry']) assert.deepEqual(comparable(results[kind]!), base, kind);
    });
  }
  it('layout and registry report the manifest digest as built; docker-archive has none', async () => {
    const l = await scanImage(`oci-layout:${OCI}layout:v1`);
    assert.equal(l.image.manifestDigest, 'sha256:f8487c3444d3c1b6d67aa063785a38f2c02fe19ada3c1d6a07af32dda7516f60');
    assert.equal(l.image.manifestMediaType, 'application/vnd.oci.image.manifest.v1+json');
    const d = await scanImage(`docker-archive:${OCI}alpine-dpkg-v1-docker.tar`);
    assert.equal(d.image.manifestDigest, undefined);
    assert.deepEqual(d.image.repoTags, ['127.0.0.1:5000/fixtures/alpine-dpkg:v1']);
    assert.equal(d.image.layers[0]!.compression, 'none');
    assert.equal(l.image.layers[0]!.compression, 'gzip');
  });
});
