import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const OCI = 'test/fixtures/oci';
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-local-'));
});
after(() => rm(dir, { recursive: true, force: true }));

type Doc = { image: { reference: string }; packages: { name: string; version: string }[] };
const scan = async (ref: string) => {
  const r = await runCli(['image', 'scan', ref, '-o', 'json']);
  assert.equal(r.code, 0, `${ref}: ${r.stderr}`);
  const d = JSON.parse(r.stdout) as Doc;
  return { reference: d.image.reference, sqlite: d.packages.find((p) => p.name === 'sqlite-libs')?.version };
};

test('image scan PATH without a prefix: docker archive, OCI archive, OCI layout, unpacked docker save, each by its content', async () => {
  // Copies under names that say nothing about their kind.
  const docker = join(dir, 'app.tar');
  const oci = join(dir, 'app-image');
  await writeFile(docker, await readFile(`${OCI}/alpine-dpkg-v1-docker.tar`));
  await writeFile(oci, await readFile(`${OCI}/alpine-dpkg-v2-oci.tar`));
  const saved = join(dir, 'saved');
  await mkdir(saved);
  execFileSync('tar', ['-xf', docker, '-C', saved]);
  assert.deepEqual(await scan(docker), { reference: `docker-archive:${docker}`, sqlite: '3.26.0-r3' });
  assert.deepEqual(await scan(oci), { reference: `oci-archive:${oci}`, sqlite: '3.28.0-r0' });
  assert.deepEqual(await scan(`${OCI}/layout:v1`), { reference: `oci-layout:${OCI}/layout:v1`, sqlite: '3.26.0-r3' });
  assert.deepEqual(await scan(saved), { reference: `docker-archive:${saved}`, sqlite: '3.26.0-r3' });
});

test('a path that is not an image: a clear error and exit 2 (broken tar, gzip, text, missing file, directory without a marker)', async () => {
  const whole = await readFile(`${OCI}/alpine-dpkg-v1-docker.tar`);
  const cases: Array<[string, Buffer | string | null, RegExp]> = [
    ['broken.tar', whole.subarray(0, 5000), /broken\.tar is a broken tar archive \(tar truncated: .*\): expected a docker save/],
    ['app.tar.gz', gzipSync(whole.subarray(0, 4096)), /app\.tar\.gz is gzip-compressed data \(decompress it first: gunzip\)/],
    ['notes.txt', 'hello\n', /notes\.txt is not a tar archive: expected a docker save .* OCI layout directory/],
    ['empty.tar', '', /empty\.tar is an empty file/],
    ['missing.tar', null, /missing\.tar: no such file or directory/],
  ];
  for (const [name, content, want] of cases) {
    const p = join(dir, name);
    if (content !== null) await writeFile(p, content);
    const r = await runCli(['image', 'scan', p]);
    assert.equal(r.code, 2, `${name}: ${r.stdout}`);
    assert.match(r.stderr, want, name);
  }
  const plain = join(dir, 'plain');
  await mkdir(plain);
  const d = await runCli(['image', 'scan', `${plain}/`]);
  assert.equal(d.code, 2);
  assert.match(d.stderr, /plain\/? is a directory without oci-layout and index\.json \(OCI layout\) or manifest\.json \(docker save\)/);
});
