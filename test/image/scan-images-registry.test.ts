import assert from 'node:assert/strict';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { generateCosignKeyPair } from './cosign-key.js';
import { cosignPayload, signPayload, writeSignatureLayout } from './cosign-sign.js';
import { manifestDigest, missingBinaries, run, startRegistry, type RunningRegistry } from './registry-server.js';

/*
 * `kubeward scan k8s/ --images` and `kubeward sbom k8s/ --images` end to end: Debian's docker-registry on
 * 127.0.0.1 with the OCI fixtures pushed by skopeo, manifests naming 127.0.0.1:PORT/fixtures/alpine-dpkg:v1|v2,
 * the shipped advisory set imported into a fresh database.
 */
const LAYOUT = fileURLToPath(new URL('../fixtures/oci/layout', import.meta.url));
const ADVISORIES = fileURLToPath(new URL('../fixtures/advisories', import.meta.url));
const missing = missingBinaries();
const skipReason = missing.length ? `${missing.join(', ')} not installed (apt-get install -y docker-registry skopeo)` : '';
if (skipReason && process.env.CI !== 'true') console.log(`# skipping the scan --images registry test: ${skipReason}`);

/** A loopback port nothing listens on (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

interface JsonFinding {
  checkId: string;
  severity: string;
  message: string;
  path: string;
  object?: { kind: string; name: string; namespace?: string };
  location: { file: string; line: number };
  evidence?: { found?: unknown };
}

describe('scan --images and sbom --images with a real registry', { concurrency: false }, () => {
  let reg: RunningRegistry | undefined;
  let work = '';
  let db = '';
  let k8s = '';
  let deadPort = 0;

  before(async () => {
    if (skipReason) return;
    reg = await startRegistry();
    work = mkdtempSync(join(tmpdir(), 'kw-scan-images-'));
    for (const tag of ['v1', 'v2']) {
      const r = run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${LAYOUT}:${tag}`, `docker://${reg.host}/fixtures/alpine-dpkg:${tag}`]);
      assert.equal(r.status, 0, r.stderr);
    }
    // The v1 image under another name: one digest, read once, reported on its own workload.
    const alias = run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${LAYOUT}:v1`, `docker://${reg.host}/fixtures/alias:v1`]);
    assert.equal(alias.status, 0, alias.stderr);
    db = join(work, 'db.sqlite');
    const imp = await runCli(['db', 'import', ADVISORIES, '--db', db]);
    assert.equal(imp.code, 0, imp.stderr);
    deadPort = await closedPort();
    k8s = join(work, 'k8s');
    mkdirSync(k8s);
    writeFileSync(join(k8s, 'apps.yaml'), [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: old, namespace: shop}',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '        - name: init',
      `          image: ${reg.host}/fixtures/alpine-dpkg:v1`,
      '      containers:',
      '        - name: app',
      `          image: ${reg.host}/fixtures/alpine-dpkg:v1`,
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: new, namespace: shop}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      `          image: ${reg.host}/fixtures/alpine-dpkg:v2`,
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: gone, namespace: shop}',
      'spec:',
      '  containers:',
      '    - name: app',
      `      image: 127.0.0.1:${deadPort}/nothing/here:v1`,
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: nightly, namespace: shop}',
      'spec:',
      '  schedule: "@daily"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: job',
      `              image: ${reg.host}/fixtures/alias:v1`,
      '',
    ].join('\n'));
  });

  after(() => {
    reg?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const scan = (...extra: string[]) => runCli(['scan', k8s, '--images', '--insecure-registry', reg!.host, '--insecure-registry', `127.0.0.1:${deadPort}`, '--db', db, '--no-progress', ...extra]);

  it('puts CVE-2019-8457 (not CVE-2018-20346) on the v1 Deployment at each image line; v2 has none; a dead registry is one finding', async (t) => {
    if (skipReason) {
      if (process.env.CI === 'true') assert.fail(`CI must have the registry: ${skipReason}`);
      return t.skip(skipReason);
    }
    const r = await scan('-o', 'json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: JsonFinding[]; warnings: string[] };
    const vulns = report.findings.filter((f) => f.checkId === 'image-vulnerability');
    const cve = vulns.filter((f) => f.message.includes('CVE-2019-8457') && f.object?.kind === 'Deployment');
    const viaAlias = vulns.filter((f) => f.message.includes('CVE-2019-8457') && f.object?.kind === 'CronJob');
    assert.deepEqual(viaAlias.map((f) => [f.object?.name, f.path]), [['nightly', '/spec/jobTemplate/spec/template/spec/containers/0/image']]);
    assert.match(viaAlias[0]!.message, /fixtures\/alias:v1/);
    // The init container and the app container of Deployment/old both name the v1 image.
    assert.deepEqual(cve.map((f) => [f.object?.name, f.path, f.location.line]).sort(), [
      ['old', '/spec/template/spec/containers/0/image', 12],
      ['old', '/spec/template/spec/initContainers/0/image', 9],
    ]);
    assert.match(cve[0]!.message, /sqlite-libs 3\.26\.0-r3/);
    assert.ok(!vulns.some((f) => f.message.includes('CVE-2018-20346')), 'sqlite 3.26.0 is not affected by CVE-2018-20346');
    assert.ok(!vulns.some((f) => f.object?.name === 'new' && f.message.includes('CVE-2019-8457')), 'v2 has sqlite-libs 3.28.0-r0');
    // Image config findings keep their ids, on the workloads: v1 has an empty root password, v2 not.
    const emptyPw = report.findings.filter((f) => f.checkId === 'image-root-empty-password').map((f) => f.object?.name);
    assert.deepEqual(emptyPw.sort(), ['nightly', 'old', 'old']);
    // The unreachable image: exactly one clear finding, on its Pod; everything else still scanned.
    const dead = report.findings.filter((f) => f.checkId === 'image-not-scanned');
    assert.equal(dead.length, 1);
    assert.equal(dead[0]!.object?.name, 'gone');
    assert.equal(dead[0]!.path, '/spec/containers/0/image');
    assert.match(dead[0]!.message, new RegExp(`127\\.0\\.0\\.1:${deadPort}/nothing/here:v1 was not scanned`));
    assert.ok(report.findings.some((f) => f.checkId === 'run-as-non-root' || f.checkId.startsWith('run-as')), 'manifest checks still ran');
  });

  it('SARIF points the vulnerability at the manifest line of the image field', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const r = await scan('-o', 'sarif');
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const run0 = sarif.runs[0]!;
    for (const id of ['image-vulnerability', 'image-not-scanned', 'image-root-empty-password']) assert.ok(run0.tool.driver.rules.some((x) => x.id === id), `${id} is a SARIF rule`);
    assert.ok(!run0.tool.driver.rules.some((x) => x.id === 'image-not-signed'), 'signatures were not checked without --require-signed');
    const hits = run0.results.filter((x) => x.ruleId === 'image-vulnerability' && x.message.text.includes('CVE-2019-8457') && x.message.text.includes('alpine-dpkg:v1'));
    assert.deepEqual(hits.map((h) => h.locations[0]!.physicalLocation.region.startLine).sort(), [12, 9]);
    assert.match(hits[0]!.locations[0]!.physicalLocation.artifactLocation.uri, /apps\.yaml$/);
  });

  it('--require-signed flags the unsigned images on each workload using them, not the signed one', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const pair = generateCosignKeyPair('pass');
    const pub = join(work, 'cosign.pub');
    writeFileSync(pub, pair.publicPem);
    // Sign v2 as cosign does: a simple-signing payload naming its manifest digest, in the sha256-<hex>.sig tag.
    const digest = await manifestDigest(reg!.host, 'fixtures/alpine-dpkg', 'v2');
    const payload = cosignPayload(digest, `${reg!.host}/fixtures/alpine-dpkg`);
    const src = writeSignatureLayout(mkdtempSync(join(work, 'sig-')), [{ payload, signature: signPayload(pair.privateKey, payload) }]);
    const pushed = run('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', src, `docker://${reg!.host}/fixtures/alpine-dpkg:${digest.replace(':', '-')}.sig`]);
    assert.equal(pushed.status, 0, pushed.stderr);
    const r = await scan('-o', 'json', '--require-signed', pub);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    const unsigned = report.findings.filter((f) => f.checkId === 'image-not-signed');
    assert.deepEqual(unsigned.map((f) => `${f.object?.name} ${f.path}`).sort(), [
      'gone /spec/containers/0/image',
      'nightly /spec/jobTemplate/spec/template/spec/containers/0/image',
      'old /spec/template/spec/containers/0/image',
      'old /spec/template/spec/initContainers/0/image',
    ]);
    assert.ok(unsigned.every((f) => f.severity === 'high'));
    const bad = await scan('--require-signed', join(work, 'missing.pub'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /cannot read the key/);
  });

  it('sbom --images: one CycloneDX BOM linking workload → image → sqlite-libs, valid, with vulnerabilities per workload', async (t) => {
    if (skipReason) return t.skip(skipReason);
    const r = await runCli(['sbom', k8s, '--images', '--insecure-registry', reg!.host, '--insecure-registry', `127.0.0.1:${deadPort}`, '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    const err = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(r.stdout);
    assert.equal(err, null, JSON.stringify(err));
    const bom = JSON.parse(r.stdout) as {
      components: { 'bom-ref': string; type: string; name: string; components?: { 'bom-ref': string; type: string; name: string; version?: string }[] }[];
      dependencies: { ref: string; dependsOn?: string[] }[];
      vulnerabilities?: { id: string; affects: { ref: string }[] }[];
    };
    const old = bom.components.find((c) => c['bom-ref'] === 'workload:shop/Deployment/old');
    assert.ok(old, 'the Deployment is a component');
    assert.equal(old.type, 'application');
    const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    const imageRefs = deps.get('workload:shop/Deployment/old')!;
    assert.equal(imageRefs.length, 1, 'the v1 image once, though two containers use it');
    const image = bom.components.flatMap((c) => [c, ...(c.components ?? [])]).find((c) => c['bom-ref'] === imageRefs[0]);
    assert.equal(image?.type, 'container');
    const sqlite = deps.get(imageRefs[0]!)!.find((ref) => ref.includes('sqlite-libs'));
    assert.ok(sqlite, 'the image depends on sqlite-libs');
    assert.match(sqlite, /3\.26\.0-r3/);
    const v = bom.vulnerabilities?.find((x) => x.id === 'CVE-2019-8457');
    assert.ok(v);
    assert.ok(v.affects.some((a) => a.ref === 'workload:shop/Deployment/old'));
    assert.ok(!v.affects.some((a) => a.ref === 'workload:shop/Deployment/new'));
    assert.ok(!bom.vulnerabilities!.some((x) => x.id === 'CVE-2018-20346'));
    assert.match(r.stderr, /nothing\/here:v1/, 'the unreadable image is reported');
  });
});
