import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { scanImage } from '../../../src/engine/scan-image.js';
import { freePort, guard as guardFor, registrySkipReason, skopeo, startRegistry } from './registry-tools.js';
import { comparable } from './scan-summary.js';

/*
 * Integration with a real registry: Debian's docker-registry on 127.0.0.1 (a free port, temp storage), fixtures
 * pushed with skopeo (OCI and Docker schema2 media types), scanned over the distribution API: the result must
 * equal the tarball's. Needs the Debian packages docker-registry and skopeo (.ci/run installs them).
 */
const OCI = fileURLToPath(new URL('../../fixtures/oci/', import.meta.url));
describe('real registry (docker-registry + skopeo)', { concurrency: false }, () => {
  let dir = '';
  let registry: ChildProcess | undefined;
  let host = '';
  let log = () => '';
  const skipReason = registrySkipReason();

  before(async () => {
    if (skipReason) return;
    dir = mkdtempSync(join(tmpdir(), 'kw-registry-'));
    const port = await freePort();
    host = `127.0.0.1:${port}`;
    const started = await startRegistry(dir, port);
    registry = started.child;
    log = started.log;
    skopeo('copy', '--quiet', '--dest-tls-verify=false', `oci:${OCI}layout:v1`, `docker://${host}/fixtures/alpine-dpkg:v1`);
    skopeo('copy', '--quiet', '--dest-tls-verify=false', `oci:${OCI}layout:v2`, `docker://${host}/fixtures/alpine-dpkg:v2`);
    skopeo('copy', '--quiet', '--dest-tls-verify=false', '--format', 'v2s2', `oci:${OCI}layout:v2`, `docker://${host}/fixtures/alpine-dpkg:v2-docker`);
    skopeo('copy', '--quiet', '--dest-tls-verify=false', `docker-archive:${OCI}alpine-dpkg-v1-docker.tar`, `docker://${host}/fixtures/from-archive:v1`);
  });

  after(() => {
    if (registry && registry.exitCode === null) registry.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const guard = (t: { skip(msg: string): void }) => guardFor(t, skipReason);

  it('v1 and v2 (OCI media types) from the registry equal the oci-archive and docker-archive results', async (t) => {
    if (!guard(t)) return;
    for (const tag of ['v1', 'v2']) {
      const reg = await scanImage(`${host}/fixtures/alpine-dpkg:${tag}`, { insecure: true });
      assert.equal(reg.image.source, 'registry');
      assert.equal(reg.image.manifestMediaType, 'application/vnd.oci.image.manifest.v1+json', 'umoci manifests have no mediaType: taken from Content-Type');
      const oa = await scanImage(`oci-archive:${OCI}alpine-dpkg-${tag}-oci.tar`, {});
      const da = await scanImage(`docker-archive:${OCI}alpine-dpkg-${tag}-docker.tar`, {});
      assert.deepEqual(comparable(reg), comparable(oa), `${tag} registry vs oci-archive`);
      assert.deepEqual(comparable(reg), comparable(da), `${tag} registry vs docker-archive`);
      assert.equal(reg.packages.find((p) => p.name === 'sqlite-libs')!.version, tag === 'v1' ? '3.26.0-r3' : '3.28.0-r0');
    }
  });

  it('Docker schema2 media types (skopeo --format v2s2) give the same result', async (t) => {
    if (!guard(t)) return;
    const d = await scanImage(`${host}/fixtures/alpine-dpkg:v2-docker`, { insecure: true });
    assert.equal(d.image.manifestMediaType, 'application/vnd.docker.distribution.manifest.v2+json');
    const o = await scanImage(`${host}/fixtures/alpine-dpkg:v2`, { insecure: true });
    assert.deepEqual(comparable(d), comparable(o));
    assert.equal(d.packages.filter((p) => p.type === 'deb').length, 0);
  });

  it('an image pushed from a docker-archive (uncompressed layers) scans the same as the archive', async (t) => {
    if (!guard(t)) return;
    const r = await scanImage(`${host}/fixtures/from-archive:v1`, { insecure: true });
    const a = await scanImage(`docker-archive:${OCI}alpine-dpkg-v1-docker.tar`, {});
    assert.deepEqual(comparable(r), comparable(a));
    assert.ok(r.findings.some((f) => f.checkId === 'image-root-empty-password'));
  });

  it('without --insecure the client speaks https and fails clearly against the plain-http registry', async (t) => {
    if (!guard(t)) return;
    await assert.rejects(scanImage(`${host}/fixtures/alpine-dpkg:v1`), /cannot reach https:\/\/127\.0\.0\.1/);
  });

  it('the registry is still the one this test started', (t) => {
    if (!guard(t)) return;
    assert.equal(registry!.exitCode, null, `registry exited early: ${log()}`);
    assert.ok(readFileSync(join(dir, 'config.yml'), 'utf8').includes(host));
  });
});
