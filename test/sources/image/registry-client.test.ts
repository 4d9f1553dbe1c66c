import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parsePlatform } from '../../../src/sources/image/manifest.js';
import { parseImageRef } from '../../../src/sources/image/reference.js';
import { parseChallenge } from '../../../src/sources/image/registry-auth.js';
import { scanImage } from '../../../src/engine/scan-image.js';
import { startFakeRegistry } from './fake-registry.js';

const LAYOUT = fileURLToPath(new URL('../../fixtures/oci/layout', import.meta.url));
const REPO = 'fixtures/alpine-dpkg';
const index = JSON.parse(readFileSync(join(LAYOUT, 'index.json'), 'utf8')) as { manifests: { digest: string; size: number }[] };

let dir: string;
const dockerConfig = (auths: unknown) => {
  const p = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(p, JSON.stringify({ auths }));
  return p;
};
before(() => (dir = mkdtempSync(join(tmpdir(), 'kw-reg-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('registry client', () => {
  it('gets a bearer token from the WWW-Authenticate realm with ~/.docker/config.json basic credentials', async () => {
    const reg = await startFakeRegistry({ layout: LAYOUT, repo: REPO, auth: { username: 'alice', password: 's3cret', token: 'tok-123' } });
    try {
      const cfg = dockerConfig({ [reg.host]: { auth: Buffer.from('alice:s3cret').toString('base64') } });
      const r = await scanImage(`${reg.host}/${REPO}:v2`, { insecure: true, dockerConfig: cfg });
      assert.equal(r.packages.find((p) => p.name === 'sqlite-libs')!.version, '3.28.0-r0');
      assert.ok(reg.requests.includes('GET /token'));
      const bad = dockerConfig({ [reg.host]: { auth: Buffer.from('alice:wrong').toString('base64') } });
      await assert.rejects(scanImage(`${reg.host}/${REPO}:v2`, { insecure: true, dockerConfig: bad }), /token service .* refused \(HTTP 401\)/);
    } finally {
      await reg.close();
    }
  });

  it('answers a Basic challenge with the Docker config credentials (username/password form too)', async () => {
    const reg = await startFakeRegistry({ layout: LAYOUT, repo: REPO, auth: { username: 'bob', password: 'pw:with:colons', token: '', scheme: 'basic' } });
    try {
      const cfg = dockerConfig({ [`https://${reg.host}`]: { username: 'bob', password: 'pw:with:colons' } });
      const r = await scanImage(`${reg.host}/${REPO}:v1`, { insecure: true, dockerConfig: cfg });
      assert.equal(r.packages.length, 858);
      await assert.rejects(scanImage(`${reg.host}/${REPO}:v1`, { insecure: true, dockerConfig: dockerConfig({}) }), /access denied \(HTTP 401\); no credentials for this registry/);
    } finally {
      await reg.close();
    }
  });

  it('chooses a platform of a multi-arch index (--platform), and says which exist', async () => {
    const idx = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: index.manifests[0]!.digest, size: index.manifests[0]!.size, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: index.manifests[1]!.digest, size: index.manifests[1]!.size, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    }));
    const reg = await startFakeRegistry({ layout: LAYOUT, repo: REPO, extraManifests: { multi: { body: idx, mediaType: 'application/vnd.oci.image.index.v1+json' } } });
    try {
      const cfg = dockerConfig({});
      const amd = await scanImage(`${reg.host}/${REPO}:multi`, { insecure: true, dockerConfig: cfg });
      assert.equal(amd.image.manifestDigest, index.manifests[0]!.digest, 'linux/amd64 by default');
      // The v2 config says amd64, so asking for arm64 picks the arm64 entry and then refuses the mismatching config.
      await assert.rejects(scanImage(`${reg.host}/${REPO}:multi`, { insecure: true, dockerConfig: cfg, platform: parsePlatform('linux/arm64') }), /image is linux\/amd64, --platform asked for linux\/arm64/);
      await assert.rejects(scanImage(`${reg.host}/${REPO}:multi`, { insecure: true, dockerConfig: cfg, platform: parsePlatform('linux/s390x') }), /no manifest for platform linux\/s390x .*available: linux\/amd64, linux\/arm64\/v8/);
    } finally {
      await reg.close();
    }
  });

  it('verifies the manifest digest named in the reference and every blob', async () => {
    const reg = await startFakeRegistry({
      layout: LAYOUT, repo: REPO,
      corrupt: (d, data) => (d === 'sha256:a6be7b21b324034858cf84355afd2c36f863527a1a3d3947893f47f2260742a9' ? Buffer.concat([data, Buffer.from('x')]) : undefined),
    });
    try {
      const cfg = dockerConfig({});
      const ref = `${reg.host}/${REPO}@${index.manifests[1]!.digest}`;
      // A blob one byte longer than declared: the image scan fails (fail closed), naming the layer.
      await assert.rejects(scanImage(ref, { insecure: true, dockerConfig: cfg }), /layer 2 .*: layer blob is larger than its declared size of \d+ bytes/);
      const r = await scanImage(ref, { insecure: true, dockerConfig: cfg, partial: true });
      assert.equal(r.problems.length, 1);
      assert.match(r.problems[0]!.message, /layer 2 .* not scanned: layer blob is larger than its declared size/);
      assert.equal(r.packages.find((p) => p.name === 'sqlite-libs')!.version, '3.26.0-r3', 'layer 1 still scanned');
      await assert.rejects(scanImage(`${reg.host}/${REPO}@sha256:${'0'.repeat(64)}`, { insecure: true, dockerConfig: cfg }), /manifest sha256:0+ not found/);
    } finally {
      await reg.close();
    }
  });

  it('allows plain http only for loopback hosts', async () => {
    await assert.rejects(scanImage('registry.example.com/app:1', { insecure: true }), /--insecure allows plain http only for loopback/);
  });

  it('parses references and challenges as Docker does', () => {
    assert.deepEqual(parseImageRef('alpine'), { kind: 'registry', registry: 'docker.io', repository: 'library/alpine', tag: 'latest' });
    assert.deepEqual(parseImageRef('127.0.0.1:5000/fixtures/alpine-dpkg:v1'), { kind: 'registry', registry: '127.0.0.1:5000', repository: 'fixtures/alpine-dpkg', tag: 'v1' });
    assert.deepEqual(parseImageRef(`ghcr.io/o/r@sha256:${'a'.repeat(64)}`), { kind: 'registry', registry: 'ghcr.io', repository: 'o/r', digest: `sha256:${'a'.repeat(64)}` });
    assert.throws(() => parseImageRef('Not An Image'), /not an image reference/);
    // The model's digest grammar decides (sha256 = 64, sha512 = 128 lower-case hex).
    assert.throws(() => parseImageRef(`ghcr.io/o/r@sha256:${'A'.repeat(64)}`), /bad digest .*lower-case hex/);
    assert.throws(() => parseImageRef(`ghcr.io/o/r@sha512:${'a'.repeat(64)}`), /bad digest .*128 hex characters, this one has 64/);
    assert.deepEqual(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"'), {
      scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' },
    });
  });
});
