// Hostile inputs end to end: nothing hangs (FIFOs, devices, wrong sizes, gzip bombs, huge lockfiles) and a
// tampered image never passes. Each test has a timeout: a hang fails it instead of stalling the run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runCli } from '../helpers/cli.js';
import { makeTar, sha256, writeLayout } from '../sources/image/build-layout.js';

const T = { timeout: 120_000 };
let root: string;
let n = 0;
const dir = () => join(root, `case-${n++}`);
before(() => (root = mkdtempSync(join(tmpdir(), 'kw-hostile-'))));
after(() => rmSync(root, { recursive: true, force: true }));

const APK = 'P:musl\nV:1.1.20-r4\nA:x86_64\n\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: c, image: c:1}\n';

/** The blob file of a layout's first layer (writeLayout stores blobs under their digest). */
function layerBlobPath(layoutDir: string, tar: Buffer, stored?: Buffer): string {
  return join(layoutDir, 'blobs/sha256', sha256(stored ?? gzipSync(tar)).slice(7));
}

describe('nothing hangs', () => {
  it('a FIFO inside a scanned tree is reported at once, never waited on', T, async () => {
    const d = mkdtempSync(join(root, 'tree-'));
    writeFileSync(join(d, 'pod.yaml'), POD);
    execFileSync('mkfifo', [join(d, 'pipe.yaml')]);
    symlinkSync('/dev/zero', join(d, 'zero.yaml'));
    const r = await runCli(['scan', d, '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { checkId: string; message: string; location: { file: string } }[] };
    const bad = report.findings.filter((f) => f.checkId === 'invalid-manifest').map((f) => `${f.location.file.split('/').pop()}: ${f.message}`).sort();
    assert.deepEqual(bad, ['pipe.yaml: a FIFO (named pipe) inside a directory: not read (name it on the command line to read it as a stream)', 'zero.yaml: not a regular file']);
    assert.ok(report.findings.some((f) => f.location.file.endsWith('pod.yaml')), 'the regular file is still scanned');
  });

  it('dockerfile scan: a FIFO named Dockerfile in a tree, or a Dockerfile that is /dev/zero, is refused at once', T, async () => {
    const d = mkdtempSync(join(root, 'df-'));
    writeFileSync(join(d, 'Dockerfile'), 'FROM alpine:3.19\nUSER 1000\n');
    execFileSync('mkdir', [join(d, 'sub')]);
    execFileSync('mkfifo', [join(d, 'sub/Dockerfile')]);
    symlinkSync('/dev/zero', join(d, 'zero.Dockerfile'));
    const r = await runCli(['dockerfile', 'scan', '.', '-o', 'json'], { cwd: d });
    assert.equal(r.code, 0, r.stderr); // warnings: the regular Dockerfile is scanned
    assert.match(r.stderr, /sub\/Dockerfile: not a regular file \(a FIFO, a device or a socket\): not read/);
    assert.match(r.stderr, /zero\.Dockerfile: not a regular file/);
    const direct = await runCli(['dockerfile', 'scan', 'zero.Dockerfile'], { cwd: d });
    assert.equal(direct.code, 2);
    assert.match(direct.stdout + direct.stderr, /is a character device, not a regular file: not read/);
  });

  it('an OCI layout whose index.json is a symlink to /dev/zero is an error at once', T, async () => {
    const d = dir();
    const ref = writeLayout(d, [{ tar: await makeTar([{ name: 'lib/apk/db/installed', content: APK }]) }]);
    rmSync(join(d, 'index.json'));
    symlinkSync('/dev/zero', join(d, 'index.json'));
    const r = await runCli(['image', 'scan', ref]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /index\.json is a character device, not a regular file: not read/);
  });

  it('a layer blob that is a FIFO or a device is an error at once', T, async () => {
    for (const make of [(p: string) => execFileSync('mkfifo', [p]), (p: string) => symlinkSync('/dev/zero', p)]) {
      const d = dir();
      const tar = await makeTar([{ name: 'lib/apk/db/installed', content: APK }]);
      const ref = writeLayout(d, [{ tar }]);
      const blob = layerBlobPath(d, tar);
      rmSync(blob);
      make(blob);
      const r = await runCli(['image', 'scan', ref]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /blob sha256:[a-f0-9]{64} is a (FIFO \(named pipe\)|character device), not a regular file/);
    }
  });

  it('a layer whose declared size is wrong is an error; nothing past the declared size is read', T, async () => {
    const d = dir();
    const tar = await makeTar([{ name: 'lib/apk/db/installed', content: APK }]);
    const ref = writeLayout(d, [{ tar }]);
    // The blob grows by a tail: its descriptor (size and digest) no longer describes it.
    const blob = layerBlobPath(d, tar);
    writeFileSync(blob, Buffer.concat([readFileSync(blob), Buffer.alloc(4096)]));
    const r = await runCli(['image', 'scan', ref]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /blob sha256:[a-f0-9]{64} is \d+ bytes, its descriptor says \d+/);
  });

  it('a gzip bomb stops at the layer size cap with a clear message', T, async () => {
    const d = dir();
    const tar = await makeTar([{ name: 'zeros', content: Buffer.alloc(64 * 1024 * 1024) }]);
    const ref = writeLayout(d, [{ tar }]);
    const r = await runCli(['image', 'scan', ref, '--max-layer-size', '4m']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /layer decompresses to more than 4 MiB \(the limit; --max-layer-size\)/);
    const ok = await runCli(['image', 'scan', ref, '--max-layer-size', '1g']);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('a package-lock.json with 150,000 packages is read (no stack overflow)', T, async () => {
    const d = dir();
    const packages: Record<string, { version: string }> = { '': { version: '1.0.0' } };
    for (let i = 0; i < 150_000; i++) packages[`node_modules/pkg-${i}`] = { version: `1.0.${i % 100}` };
    const lock = JSON.stringify({ name: 'app', lockfileVersion: 3, packages });
    const ref = writeLayout(d, [{ tar: await makeTar([{ name: 'srv/app/package-lock.json', content: lock }]) }]);
    const out = join(d, 'report.json');
    const r = await runCli(['image', 'scan', ref, '-o', 'json', '--output', out]);
    assert.equal(r.code, 0, r.stderr.slice(0, 2000));
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { packages: unknown[] };
    assert.equal(doc.packages.length, 150_000);
  });
});

describe('fail closed', () => {
  it('a layer that fails its digest check (same size, tampered bytes) fails the image scan (exit 2)', T, async () => {
    const d = dir();
    const good = await makeTar([{ name: 'lib/apk/db/installed', content: APK }]);
    const tampered = await makeTar([{ name: 'lib/apk/db/installed', content: APK.replace('1.1.20-r4', '9.9.99-r9') }]);
    assert.equal(tampered.length, good.length);
    const ref = writeLayout(d, [{ tar: await makeTar([{ name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.9.2\n' }]) }, { tar: good, compress: 'none' }]);
    writeFileSync(layerBlobPath(d, good, good), tampered);
    const r = await runCli(['image', 'scan', ref, '--fail-on', 'critical']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /layer 2 \(sha256:[a-f0-9]{64}\): layer digest mismatch/);
    assert.match(r.stderr, /not scanned/);
  });

  it('a truncated layer and a layer that is not an archive fail the image scan (exit 2)', T, async () => {
    const tar = await makeTar([{ name: 'lib/apk/db/installed', content: APK }, { name: 'big', content: Buffer.alloc(100_000, 7) }]);
    const gz = gzipSync(tar);
    for (const stored of [gz.subarray(0, gz.length >> 1), Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(200, 0x55)])]) {
      const ref = writeLayout(dir(), [{ tar, stored }]);
      const r = await runCli(['image', 'scan', ref, '--fail-on', 'critical']);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, /layer 1 .*(truncated|bad gzip data|cannot read layer)/);
    }
  });

  it('a List inside a List is unpacked: the privileged pod nested that way is found at its line', T, async () => {
    const d = mkdtempSync(join(root, 'list-'));
    const yaml = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: List
    items:
      - apiVersion: v1
        kind: Pod
        metadata: {name: nested}
        spec:
          containers:
            - name: c
              image: c:1
              securityContext:
                privileged: true
`;
    writeFileSync(join(d, 'list.yaml'), yaml);
    const r = await runCli(['scan', 'list.yaml', '-o', 'json', '--checks', 'privileged-container'], { cwd: d });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: { checkId: string; object?: { name: string }; location: { line: number } }[] };
    assert.deepEqual(report.findings.map((f) => `${f.checkId} ${f.object?.name} ${f.location.line}`), ['privileged-container nested 15']);
  });

  it('a kind in the wrong case is an invalid object, not counted silently', T, async () => {
    const d = mkdtempSync(join(root, 'case-'));
    writeFileSync(join(d, 'a.yaml'), 'apiVersion: v1\nkind: pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: c:1}]\n---\napiVersion: apps/v1\nkind: DEPLOYMENT\nmetadata: {name: b}\nspec: {}\n---\napiVersion: example.com/v1\nkind: pod\nmetadata: {name: custom}\n');
    const r = await runCli(['scan', 'a.yaml', '-o', 'json'], { cwd: d });
    const report = JSON.parse(r.stdout) as { summary: { objects: number }; findings: { checkId: string; message: string; location: { line: number } }[] };
    const invalid = report.findings.filter((f) => f.checkId === 'invalid-manifest').map((f) => `${f.location.line}: ${f.message}`);
    assert.deepEqual(invalid, [
      '2: kind "pod" is not a Kubernetes kind: kinds are case-sensitive and the API server rejects it (did you mean "Pod"?); the object is not scanned',
      '8: kind "DEPLOYMENT" is not a Kubernetes kind: kinds are case-sensitive and the API server rejects it (did you mean "Deployment"?); the object is not scanned',
    ]);
    assert.equal(report.summary.objects, 1, 'only the custom resource (its own group names its kinds) is an object');
  });

  it('--checks X --skip-checks X is a usage error (exit 2), also through an alias', T, async () => {
    const d = mkdtempSync(join(root, 'sel-'));
    writeFileSync(join(d, 'p.yaml'), POD);
    const r = await runCli(['scan', 'p.yaml', '--checks', 'privileged-container,host-pid', '--skip-checks', 'privileged-container'], { cwd: d });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /named in both --checks and --skip-checks: "privileged-container"/);
    const fix = await runCli(['fix', 'p.yaml', '--checks', 'privileged-container', '--skip-checks', 'privileged-container'], { cwd: d });
    assert.equal(fix.code, 2);
    const star = await runCli(['scan', 'p.yaml', '--checks', '*', '--skip-checks', 'privileged-container', '-o', 'json'], { cwd: d });
    assert.equal(star.code, 0, star.stderr);
  });
});
