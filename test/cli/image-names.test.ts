import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeTar, writeLayout } from '../sources/image/build-layout.js';

const SENTINEL = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');

/** Bytes with Go >= 1.18 build info (magic, pointer size 8, flag 2 = inline varint strings) at a 16-aligned offset. */
function goBinary(goVersion: string, modinfo: string): Buffer {
  const b = Buffer.alloc(4096);
  const hdr = 0x200;
  b.write('\xff Go buildinf:', hdr, 'latin1');
  b[hdr + 14] = 8;
  b[hdr + 15] = 2;
  let p = hdr + 32;
  const put = (s: Buffer) => {
    let n = s.length;
    while (n >= 0x80) { b[p++] = (n & 0x7f) | 0x80; n >>>= 7; }
    b[p++] = n;
    s.copy(b, p);
    p += s.length;
  };
  put(Buffer.from(goVersion));
  put(Buffer.concat([SENTINEL, Buffer.from(modinfo), SENTINEL]));
  return b;
}

const MODINFO = [
  'path\texample.com/app',
  'mod\texample.com/app\t(devel)\t',
  'dep\tgithub.com/go-jose/go-jose/v3\tv3.0.1\th1:x=',
  'dep\tgithub.com/golang-jwt/jwt/v4\tv4.5.0\th1:x=',
  'dep\tgolang.org/x/crypto\tv0.30.0\th1:x=',
  'build\tGOOS=linux',
  '',
].join('\n');

let dir: string;
let db: string;
let ref: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubeward-names-'));
  db = join(dir, 'db.sqlite');
  const tar = await makeTar([
    { name: 'usr/local/bin/app', content: goBinary('go1.22.1', MODINFO), mode: 0o755 },
    { name: 'srv/node_modules/@babel/traverse/package.json', content: JSON.stringify({ name: '@babel/traverse', version: '7.20.0', license: 'MIT' }) },
    { name: 'srv/node_modules/semver/package.json', content: JSON.stringify({ name: 'semver', version: '7.5.1' }) },
  ]);
  ref = writeLayout(join(dir, 'layout'), [{ tar }]);
  for (const src of ['test/fixtures/image-names', 'test/fixtures/advisories/osv/npm']) {
    const r = await runCli(['db', 'import', src, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
  }
});
after(() => rm(dir, { recursive: true, force: true }));

type Doc = { packages?: { name: string }[]; vulnerabilities: { matches: { id: string; package: { name: string; version: string } }[] } | { id: string; package: { name: string; version: string } }[] };
const matchesOf = (d: Doc) => (Array.isArray(d.vulnerabilities) ? d.vulnerabilities : d.vulnerabilities.matches).map((m) => `${m.package.name}@${m.package.version} ${m.id}`).sort();

test('Go modules with /vN paths and scoped npm packages match the same advisories from the image and from its SBOM; names are whole', async () => {
  const direct = await runCli(['image', 'scan', ref, '--db', db, '-o', 'json']);
  assert.equal(direct.code, 0, direct.stderr);
  const d = JSON.parse(direct.stdout) as Doc;
  const expected = [
    '@babel/traverse@7.20.0 GHSA-67hx-6x53-jw92',
    'github.com/go-jose/go-jose/v3@v3.0.1 GO-2024-2631',
    'github.com/golang-jwt/jwt/v4@v4.5.0 GO-2024-3250',
    'github.com/golang-jwt/jwt/v4@v4.5.0 GO-2025-3553',
    'golang.org/x/crypto@v0.30.0 GHSA-v778-237x-gjrc',
    'semver@7.5.1 GHSA-c2qf-rxjj-qqgw',
  ];
  assert.deepEqual(matchesOf(d), expected);

  for (const format of ['cyclonedx-json', 'spdx-json']) {
    const sbomFile = join(dir, `app.${format}`);
    const sbom = await runCli(['image', 'sbom', ref, '-o', format, '--output', sbomFile]);
    assert.equal(sbom.code, 0, sbom.stderr);
    const viaSbom = await runCli(['image', 'scan', '--sbom', sbomFile, '--db', db, '-o', 'json']);
    assert.equal(viaSbom.code, 0, viaSbom.stderr);
    assert.deepEqual(matchesOf(JSON.parse(viaSbom.stdout) as Doc), expected, format);
  }

  // An SBOM written by another tool: purl namespace and name, the name alone being "v4", "crypto", "traverse".
  const foreign = join(dir, 'foreign.cdx.json');
  await writeFile(foreign, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [
    { type: 'library', name: 'v4', version: 'v4.5.0', purl: 'pkg:golang/github.com/golang-jwt/jwt/v4@v4.5.0' },
    { type: 'library', name: 'crypto', version: 'v0.30.0', purl: 'pkg:golang/golang.org/x/crypto@v0.30.0' },
    { type: 'library', name: 'traverse', version: '7.20.0', purl: 'pkg:npm/%40babel/traverse@7.20.0' },
  ] }));
  const f = await runCli(['image', 'scan', '--sbom', foreign, '--db', db]);
  assert.equal(f.code, 0, f.stderr);
  assert.match(f.stdout, /^github\.com\/golang-jwt\/jwt\/v4\s+v4\.5\.0\s+GO-2024-3250/m);
  assert.match(f.stdout, /^golang\.org\/x\/crypto\s+v0\.30\.0\s+GHSA-v778-237x-gjrc/m);
  assert.match(f.stdout, /^@babel\/traverse\s+7\.20\.0\s+GHSA-67hx-6x53-jw92/m);
  assert.doesNotMatch(f.stdout, /^(v4|crypto|traverse)\s/m);
});
