import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { scanImage } from '../../../src/engine/scan-image.js';
import { makeTar, writeLayout } from './build-layout.js';

const OCI = fileURLToPath(new URL('../../fixtures/oci/', import.meta.url));
const APK = 'P:musl\nV:1.1.20-r4\nA:x86_64\n\nP:sqlite-libs\nV:3.26.0-r3\no:sqlite\n\n';
const DPKG = 'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\nArchitecture: amd64\n\n';

let root: string;
let n = 0;
const dir = () => join(root, `img-${n++}`);
before(() => (root = mkdtempSync(join(tmpdir(), 'kw-bad-'))));
after(() => rmSync(root, { recursive: true, force: true }));

const names = (r: Awaited<ReturnType<typeof scanImage>>) => r.packages.map((p) => `${p.name}@${p.version}`).sort();

describe('bad image input: a bad layer fails the scan (partial: a clear error per layer, the rest scanned); a bad file is reported and the rest scanned', () => {
  it('a truncated layer', async () => {
    const good = await makeTar([{ name: 'lib/apk/db/installed', content: APK }]);
    const bad = await makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }, { name: 'big', content: Buffer.alloc(100_000, 7) }]);
    const gz = gzipSync(bad);
    const ref = writeLayout(dir(), [{ tar: good }, { tar: bad, stored: gz.subarray(0, gz.length >> 1) }]);
    await assert.rejects(scanImage(ref), /layer 2 \(sha256:[a-f0-9]{64}\): .*An image with a layer that cannot be verified and read is not scanned/);
    const r = await scanImage(ref, { partial: true });
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.scope, 'layer');
    assert.match(r.problems[0]!.message, /^layer 2 .* not scanned: (layer is truncated|bad gzip data|cannot read layer)/);
    assert.match(r.image.layers[1]!.error!, /truncated|unexpected end/i);
    assert.deepEqual(names(r), ['musl@1.1.20-r4', 'sqlite-libs@3.26.0-r3']);
  });

  it('bad gzip data', async () => {
    const good = await makeTar([{ name: 'lib/apk/db/installed', content: APK }]);
    const bogus = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(200, 0x55)]);
    const ref = writeLayout(dir(), [{ tar: await makeTar([]), stored: bogus }, { tar: good }]);
    await assert.rejects(scanImage(ref), /layer 1 .*(bad gzip data|cannot read layer)/);
    const r = await scanImage(ref, { partial: true });
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0]!.message, /layer 1 .* not scanned: (bad gzip data|cannot read layer)/);
    assert.deepEqual(names(r), ['musl@1.1.20-r4', 'sqlite-libs@3.26.0-r3']);
  });

  it('a missing blob and a digest mismatch', async () => {
    const a = await makeTar([{ name: 'lib/apk/db/installed', content: APK }]);
    const b = await makeTar([{ name: 'var/lib/dpkg/status', content: DPKG }]);
    const c = await makeTar([{ name: 'etc/os-release', content: 'ID=debian\nVERSION_ID=12\n' }]);
    const tampered = gzipSync(await makeTar([{ name: 'var/lib/dpkg/status', content: DPKG.replace('5.2.15', '9.9.99') }]));
    const ref = writeLayout(dir(), [{ tar: a, missing: true }, { tar: b, blob: tampered }, { tar: c }]);
    await assert.rejects(scanImage(ref), /layer 1 .*missing.*; layer 2 .*is \d+ bytes, its descriptor says \d+/);
    const r = await scanImage(ref, { partial: true });
    assert.deepEqual(r.problems.map((p) => p.message.replace(/sha256:[a-f0-9]+/g, 'D')), [
      'layer 1 (D) not scanned: blob D is missing from the layout',
      // The tampered blob is caught by its size before its digest is computed.
      `layer 2 (D) not scanned: blob D is ${tampered.length} bytes, its descriptor says ${gzipSync(b).length}`,
    ]);
    assert.deepEqual(r.packages, [], 'nothing from the missing or tampered layers');
    assert.deepEqual(r.distro, { id: 'debian', versionId: '12' }, 'layer 3 still read');
  });

  it('an uncompressed layer whose tar does not match the diff id', async () => {
    const t = await makeTar([{ name: 'lib/apk/db/installed', content: APK }]);
    const other = await makeTar([{ name: 'lib/apk/db/installed', content: APK.replace('musl', 'evil') }]);
    const d = dir();
    const ref = writeLayout(d, [{ tar: t, compress: 'none', stored: other }]);
    await assert.rejects(scanImage(ref), /diff id mismatch/);
    const r = await scanImage(ref, { partial: true });
    assert.match(r.problems[0]!.message, /diff id mismatch: config says sha256:[a-f0-9]{64}, uncompressed content is sha256:/);
    assert.deepEqual(r.packages, []);
  });

  it('a giant file: not read into memory past the cap, reported; other files still analyzed', async () => {
    const big = 'Package: x\nStatus: install ok installed\nVersion: 1\n\n'.repeat(60_000);
    const t = await makeTar([{ name: 'var/lib/dpkg/status', content: big }, { name: 'lib/apk/db/installed', content: APK }, { name: 'data/blob.bin', content: Buffer.alloc(32 * 1024 * 1024) }]);
    const r = await scanImage(writeLayout(dir(), [{ tar: t }]), { maxFileBytes: 1024 * 1024 });
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.path, 'var/lib/dpkg/status');
    assert.match(r.problems[0]!.message, /not analyzed: \d+ bytes is over the 1048576-byte limit/);
    assert.deepEqual(names(r), ['musl@1.1.20-r4', 'sqlite-libs@3.26.0-r3']);
    assert.equal(r.image.files, 3, 'the big file is in the file index');
  });

  it('symlink loops are reported, not followed forever', async () => {
    const t = await makeTar([
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
      { name: 'usr/lib/os-release', type: 'symlink', linkname: '/etc/os-release' },
      { name: 'lib/apk/db/installed', content: APK },
    ]);
    const r = await scanImage(writeLayout(dir(), [{ tar: t }]));
    assert.equal(r.distro, undefined);
    assert.ok(r.problems.some((p) => p.path === '/etc/os-release' && /too many levels of symbolic links/.test(p.message)));
    assert.deepEqual(names(r), ['musl@1.1.20-r4', 'sqlite-libs@3.26.0-r3']);
  });

  it('symlinked os-release (Debian style) resolves inside the image root', async () => {
    const t = await makeTar([
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
      { name: 'usr/lib/os-release', content: 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' },
    ]);
    const r = await scanImage(writeLayout(dir(), [{ tar: t }]));
    assert.deepEqual(r.distro, { id: 'debian', versionId: '12', codename: 'bookworm' });
  });

  it('corrupt package databases: one error per file, other databases still read', async () => {
    const t = await makeTar([
      { name: 'lib/apk/db/installed', content: 'This is a corrupt db\n\nP:x\n' },
      { name: 'var/lib/dpkg/status', content: DPKG },
      { name: 'var/lib/rpm/Packages', content: Buffer.alloc(8192, 0x41) },
      { name: 'app/package-lock.json', content: '{"lockfileVersion": 3, "packages": {' },
    ]);
    const r = await scanImage(writeLayout(dir(), [{ tar: t }]));
    assert.deepEqual(r.problems.map((p) => `${p.path}: ${p.message.split(':')[0]}`).sort(), [
      'app/package-lock.json: npm',
      'lib/apk/db/installed: apk',
      'var/lib/rpm/Packages: rpm',
    ]);
    assert.deepEqual(names(r), ['bash@5.2.15-2+b2']);
  });

  it('paths that escape the root are refused and reported', async () => {
    const t = await makeTar([
      { name: '../../etc/cron.d/evil', content: 'x' },
      { name: 'ok/../../../outside', content: 'x' },
      { name: 'etc/hardlink', type: 'link', linkname: '../../../etc/shadow' },
      { name: 'lib/apk/db/installed', content: APK },
    ]);
    const r = await scanImage(writeLayout(dir(), [{ tar: t }]));
    assert.deepEqual(r.problems.map((p) => [p.path, p.message]), [
      ['../../etc/cron.d/evil', 'refused: path escapes the image root'],
      ['ok/../../../outside', 'refused: path escapes the image root'],
      ['etc/hardlink', 'refused: hard link target escapes the image root'],
    ]);
    assert.equal(r.packages.length, 2);
  });

  it('a truncated archive is a clear error', async () => {
    const full = readFileSync(join(OCI, 'alpine-dpkg-v1-docker.tar'));
    const f = join(root, 'truncated.tar');
    writeFileSync(f, full.subarray(0, 300_000));
    await assert.rejects(scanImage(`docker-archive:${f}`), /tar truncated: member at byte \d+ needs \d+ bytes, file ends at 300000/);
    const g = join(root, 'garbage.tar');
    writeFileSync(g, Buffer.alloc(4096, 0x41));
    await assert.rejects(scanImage(`oci-archive:${g}`), /tar header checksum mismatch|bad number field/);
  });
});

describe('layers: whiteouts, opaque directories, compression', () => {
  it('opaque directories hide lower children; a layer\'s whiteouts never hide its own files', async () => {
    const l1 = await makeTar([
      { name: 'app/node_modules/a/package.json', content: '{"name":"a","version":"1.0.0"}' },
      { name: 'app/node_modules/b/package.json', content: '{"name":"b","version":"1.0.0"}' },
      { name: 'lib/apk/db/installed', content: APK },
    ]);
    const l2 = await makeTar([
      { name: 'app/node_modules/.wh..wh..opq', content: '' },
      { name: 'app/node_modules/c/package.json', content: '{"name":"c","version":"2.0.0"}' },
      { name: 'lib/apk/db/installed', content: 'P:musl\nV:1.2.0-r0\n\n' },
      { name: 'lib/apk/db/.wh.installed', content: '' },
    ]);
    const r = await scanImage(writeLayout(dir(), [{ tar: l1 }, { tar: l2 }]));
    assert.deepEqual(names(r), ['c@2.0.0', 'musl@1.2.0-r0']);
    assert.deepEqual(r.image.layers.map((l) => l.whiteouts), [0, 2]);
  });

  it('a file replacing a directory hides what was under it; whiteout of a directory removes its tree', async () => {
    const l1 = await makeTar([
      { name: 'opt/x/node_modules/a/package.json', content: '{"name":"a","version":"1.0.0"}' },
      { name: 'srv/node_modules/b/package.json', content: '{"name":"b","version":"1.0.0"}' },
      { name: 'srv2/node_modules/k/package.json', content: '{"name":"k","version":"1.0.0"}' },
    ]);
    const l2 = await makeTar([{ name: 'opt/x', content: 'now a file' }, { name: '.wh.srv', content: '' }]);
    const r = await scanImage(writeLayout(dir(), [{ tar: l1 }, { tar: l2 }]));
    assert.deepEqual(names(r), ['k@1.0.0']);
  });

  it('reads zstd and uncompressed layers and counts setuid files', async () => {
    const zst = readFileSync(fileURLToPath(new URL('../../fixtures/image-layers/apk-layer.tar.zst', import.meta.url)));
    const { decompress } = await import('fzstd');
    const tar = Buffer.from(decompress(zst));
    const plain = await makeTar([{ name: 'usr/bin/su', content: 'x', mode: 0o4755 }, { name: 'usr/bin/wall', content: 'y', mode: 0o2755 }]);
    const r = await scanImage(writeLayout(dir(), [{ tar, stored: zst }, { tar: plain, compress: 'none' }], { config: { User: '1000', Healthcheck: { Test: ['CMD', 'true'] } } }), {});
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.image.layers.map((l) => l.compression), ['zstd', 'none']);
    assert.deepEqual(names(r), ['zlayer-pkg@1.0-r0']);
    assert.equal(r.image.suidFiles, 2);
    assert.deepEqual(r.findings.map((f) => [f.checkId, f.message]), [['image-suid-files', '2 setuid/setgid files: /usr/bin/su, /usr/bin/wall']]);
  });
});
