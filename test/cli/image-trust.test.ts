import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runCli } from '../helpers/cli.js';
import { makeTar, writeLayout } from '../sources/image/build-layout.js';
import { type FakeRegistry, startFakeRegistry } from '../sources/image/fake-registry.js';
import { parseAllDocuments } from 'yaml';

describe('Go modules and scoped npm packages: direct scan = SBOM scan', () => {
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
});

describe('vulnerability severity from the advisory; --fail-on and unknown', () => {
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
});

describe('image scan PATH without a transport prefix', () => {
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
      ['bom.tar', '{"bomFormat":"CycloneDX"}', /bom\.tar is a JSON file, not an image archive \(an SBOM is scanned with --sbom FILE\)/],
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
});

describe('fix --images and images that run as root', () => {
  let dir: string;
  let rootReg: FakeRegistry;
  let appReg: FakeRegistry;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeward-fix-images-'));
    // The umoci-built fixture image: its config sets no User (root). And an image whose config says User 1000.
    rootReg = await startFakeRegistry({ layout: 'test/fixtures/oci/layout', repo: 'team/base' });
    writeLayout(join(dir, 'app-layout'), [{ tar: await makeTar([{ name: 'app/run', content: 'x' }]) }], { config: { User: '1000' } });
    appReg = await startFakeRegistry({ layout: join(dir, 'app-layout'), repo: 'team/app' });
  });
  after(async () => {
    await rootReg.close();
    await appReg.close();
    await rm(dir, { recursive: true, force: true });
  });

  const deployment = (name: string, image: string, podSecurity = '') =>
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      `  selector: {matchLabels: {app: ${name}}}`,
      '  template:',
      `    metadata: {labels: {app: ${name}}}`,
      `    spec:${podSecurity}`,
      '      containers:',
      '        - name: main',
      `          image: ${image}`,
      '',
    ].join('\n');

  type Doc = { metadata: { name: string }; spec: { template: { spec: { containers: { securityContext?: { runAsNonRoot?: boolean } }[] } } } };
  const nonRoot = async (file: string) =>
    Object.fromEntries(parseAllDocuments(await readFile(file, 'utf8')).map((d) => d.toJS() as Doc).map((d) => [d.metadata.name, d.spec.template.spec.containers[0]!.securityContext?.runAsNonRoot ?? null]));

  test('fix --images adds no runAsNonRoot to a container whose image runs as root, and says why; with a non-root image or a runAsUser it does', async () => {
    const root = `${rootReg.host}/team/base:v1`;
    const text = [
      deployment('root-image', root),
      deployment('non-root-image', `${appReg.host}/team/app:t`),
      deployment('root-image-uid-set', root, '\n      securityContext: {runAsUser: 1000}'),
    ].join('---\n');
    const file = join(dir, 'apps.yaml');
    await writeFile(file, text);
    const insecure = ['--insecure-registry', rootReg.host, '--insecure-registry', appReg.host];
    const r = await runCli(['fix', file, '--checks', 'run-as-non-root', '--images', ...insecure], { env: { KUBEWARD_DB: join(dir, 'no-db.sqlite') } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await nonRoot(file), { 'root-image': null, 'non-root-image': true, 'root-image-uid-set': true });
    assert.match(r.stderr, new RegExp(`run-as-non-root: Deployment/?\\S*root-image left as is: container "main" runs image ${root.replace(/[.]/g, '\\.')}, which runs as root \\(the image sets no USER, so it runs as root\\): with runAsNonRoot: true the kubelet would refuse to start it`));

    const usage = await runCli(['fix', file, '--insecure-registry', rootReg.host]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--insecure-registry needs --images/);
    // Without --images nothing is known of the image: every container gets runAsNonRoot.
    await writeFile(file, text);
    const blind = await runCli(['fix', file, '--checks', 'run-as-non-root']);
    assert.equal(blind.code, 0, blind.stderr);
    assert.deepEqual(await nonRoot(file), { 'root-image': true, 'non-root-image': true, 'root-image-uid-set': true });
  });
});
