import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as CDX from '@cyclonedx/cyclonedx-library';
import { groupUses, imageUses, type ImageOutcome, type ImageUse } from '../../src/analysis/image/workload-images.js';
import { CHECKS } from '../../src/checks/index.js';
import { imageFindings as findingsWith } from '../../src/engine/run-image-rules.js';
import { Inventory } from '../../src/model/inventory.js';
import { renderAppCycloneDx, workloadRef } from '../../src/report/sbom-app.js';
import { loadText, withIds } from '../../src/sources/manifests.js';
import { canonical, mapLimited } from '../../src/engine/workload-images.js';
import type { VulnMatch } from '../../src/vuln/types.js';
import { runCli } from '../helpers/cli.js';

/* The pure parts of scan --images and sbom --images, and the CLI paths that need no registry. */
const YAML = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  template:',
  '    spec:',
  '      initContainers: [{name: init, image: "busybox"}]',
  '      containers:',
  '        - name: app',
  '          image: " registry.example/team/web:1.2 "',
  '        - name: side',
  '          image: docker.io/library/busybox:latest',
  '        - name: noimage',
  '      ephemeralContainers: [{name: dbg, image: "registry.example/team/web:1.2"}]',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: c}',
  'data: {image: "nginx"}',
  '',
].join('\n');

function inventory(yaml = YAML): Inventory {
  const loaded = loadText(yaml, 'apps.yaml');
  assert.deepEqual(loaded.problems, []);
  return new Inventory(withIds(loaded.objects));
}

const imageFindings = (outcome: ImageOutcome, uses: readonly ImageUse[]) => findingsWith(CHECKS, outcome, uses);

const sqlite: VulnMatch = {
  id: 'CVE-2019-8457',
  aliases: [],
  severity: 'critical',
  fixedIn: '3.28.0-r0',
  source: 'alpine-secdb:v3.9/main',
  package: { type: 'apk', name: 'sqlite-libs', version: '3.26.0-r3', sourceName: 'sqlite', purl: 'pkg:apk/alpine/sqlite-libs@3.26.0-r3', location: { path: 'lib/apk/db/installed' } },
};

describe('workload images', () => {
  it('lists every container role\'s image field; canonical references deduplicate busybox and docker.io/library/busybox:latest', () => {
    const uses = imageUses(inventory());
    assert.deepEqual(uses.map((u) => [u.role, u.container, u.image, u.path]), [
      ['init', 'init', 'busybox', '/spec/template/spec/initContainers/0/image'],
      ['app', 'app', 'registry.example/team/web:1.2', '/spec/template/spec/containers/0/image'],
      ['app', 'side', 'docker.io/library/busybox:latest', '/spec/template/spec/containers/1/image'],
      ['ephemeral', 'dbg', 'registry.example/team/web:1.2', '/spec/template/spec/ephemeralContainers/0/image'],
    ]);
    const groups = groupUses(uses, (u) => {
      const c = canonical(u.image);
      return 'ref' in c ? c.ref : u.image;
    });
    assert.deepEqual([...groups].map(([k, v]) => [k, v.length]), [['docker.io/library/busybox:latest', 2], ['registry.example/team/web:1.2', 2]]);
    assert.ok('error' in canonical('oci-layout:/tmp/x'));
    assert.ok('error' in canonical('Not An Image'));
  });

  it('turns an image outcome into findings on each use, at the image field, with stable distinct fingerprints', () => {
    const inv = inventory();
    const uses = imageUses(inv).filter((u) => u.image.startsWith('registry.example'));
    const configFinding = { checkId: 'image-root-empty-password', severity: 'critical' as const, title: 't', message: 'root has an empty password field in /etc/shadow (CVE-2019-5021)', category: 'images', location: { file: 'registry.example/team/web:1.2!/etc/shadow', line: 1, column: 1 }, path: '', remediation: 'r', frameworks: {}, fingerprint: 'x' };
    const f = imageFindings({ reference: 'registry.example/team/web:1.2', vulnerabilities: [sqlite], configFindings: [configFinding], signature: { allowed: false, reason: 'no signature' } }, uses);
    // Per use: the image-use rules (registry's image rule order), then the image's own findings moved there.
    assert.deepEqual(f.map((x) => [x.checkId, x.object?.name, x.path, x.location.line, x.severity]), [
      ['image-vulnerability', 'web', '/spec/template/spec/containers/0/image', 10, 'critical'],
      ['image-not-signed', 'web', '/spec/template/spec/containers/0/image', 10, 'high'],
      ['image-root-empty-password', 'web', '/spec/template/spec/containers/0/image', 10, 'critical'],
      ['image-vulnerability', 'web', '/spec/template/spec/ephemeralContainers/0/image', 14, 'critical'],
      ['image-not-signed', 'web', '/spec/template/spec/ephemeralContainers/0/image', 14, 'high'],
      ['image-root-empty-password', 'web', '/spec/template/spec/ephemeralContainers/0/image', 14, 'critical'],
    ]);
    const v = f.find((x) => x.checkId === 'image-vulnerability')!;
    assert.match(v.message, /container "app" image registry\.example\/team\/web:1\.2: CVE-2019-8457 in sqlite-libs 3\.26\.0-r3 .*fixed in 3\.28\.0-r0/);
    assert.deepEqual(v.evidence, { found: 'CVE-2019-8457 sqlite-libs@3.26.0-r3', expected: 'sqlite-libs >= 3.28.0-r0' });
    assert.match(f[2]!.message, /\/etc\/shadow/);
    assert.equal(new Set(f.map((x) => x.fingerprint)).size, f.length);
    const again = imageFindings({ reference: 'registry.example/team/web:1.2', vulnerabilities: [sqlite, { ...sqlite, id: 'CVE-2019-0001' }] }, uses.slice(0, 1));
    assert.equal(again[0]!.fingerprint, v.fingerprint, 'the same vulnerability on the same field keeps its fingerprint');
    assert.notEqual(again[1]!.fingerprint, v.fingerprint);
    // A vulnerability no advisory rates is never shown as low: info, and the message says the severity is unknown.
    const unrated = imageFindings({ reference: 'registry.example/team/web:1.2', vulnerabilities: [{ ...sqlite, id: 'CVE-2025-6965', severity: 'unknown' }] }, uses.slice(0, 1));
    assert.equal(unrated[0]!.severity, 'info');
    assert.match(unrated[0]!.message, /CVE-2025-6965 .*\[severity unknown: no advisory rates it\]$/);
    const dead = imageFindings({ reference: 'registry.example/team/web:1.2', error: 'connect ECONNREFUSED' }, uses);
    assert.deepEqual(dead.map((x) => x.checkId), ['image-not-scanned', 'image-not-scanned']);
    assert.match(dead[0]!.message, /was not scanned: connect ECONNREFUSED/);
    assert.deepEqual(dead.map((x) => x.severity), ['medium', 'medium']);
    // A layer that fails its digest check: the image may have been tampered with, so it is critical (--fail-on critical fails).
    const tampered = imageFindings({ reference: 'registry.example/team/web:1.2', error: 'layer 1 (sha256:ab): layer digest mismatch', integrity: true }, uses);
    assert.deepEqual(tampered.map((x) => [x.checkId, x.severity]), [['image-not-scanned', 'critical'], ['image-not-scanned', 'critical']]);
    assert.match(tampered[0]!.message, /failed its integrity check .*tampered with.*layer digest mismatch/);
  });

  it('mapLimited keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
  });

  it('the application BOM without images lists workloads and image references, validates, and links them', async () => {
    const bom = renderAppCycloneDx({
      tool: { name: 'kubeward', version: '0.0.0' },
      name: 'k8s/',
      created: new Date('2020-01-01T00:00:00Z'),
      workloads: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', file: 'apps.yaml', images: ['registry.example/team/web:1.2'] }, { apiVersion: 'v1', kind: 'Pod', name: 'p', file: 'p.yaml', images: ['registry.example/team/web:1.2'] }],
      images: [{ reference: 'registry.example/team/web:1.2' }],
    });
    assert.equal(await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(bom), null);
    const doc = JSON.parse(bom) as { components: { 'bom-ref': string; type: string }[]; dependencies: { ref: string; dependsOn?: string[] }[]; vulnerabilities?: unknown[] };
    assert.deepEqual(doc.components.map((c) => [c['bom-ref'], c.type]).sort(), [['image:registry.example/team/web:1.2', 'container'], ['workload:Pod/p', 'application'], ['workload:shop/Deployment/web', 'application']]);
    const deps = new Map(doc.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    assert.deepEqual(deps.get('workload:shop/Deployment/web'), ['image:registry.example/team/web:1.2']);
    assert.deepEqual(deps.get('application')?.sort(), ['workload:Pod/p', 'workload:shop/Deployment/web']);
    assert.equal(doc.vulnerabilities, undefined);
    assert.equal(workloadRef({ kind: 'Pod', name: 'p' }), 'workload:Pod/p');
  });

  it('the application BOM with a read image nests its packages and rolls the vulnerability up to the workload', async () => {
    const bom = renderAppCycloneDx({
      tool: { name: 'kubeward', version: '0.0.0' },
      name: 'k8s/',
      created: new Date('2020-01-01T00:00:00Z'),
      workloads: [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', file: 'apps.yaml', images: ['r.example/a:1'] }],
      images: [{ reference: 'r.example/a:1', read: { configDigest: 'sha256:' + 'a'.repeat(64), platform: 'linux/amd64', distro: { id: 'alpine', versionId: '3.9.2' }, packages: [sqlite.package], vulnerabilities: [sqlite] } }],
    });
    assert.equal(await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(bom), null);
    const doc = JSON.parse(bom) as { vulnerabilities: { id: string; affects: { ref: string }[] }[]; dependencies: { ref: string; dependsOn?: string[] }[] };
    const pkgRef = 'image:r.example/a:1|pkg:apk/alpine/sqlite-libs@3.26.0-r3';
    assert.deepEqual(doc.vulnerabilities.map((v) => [v.id, v.affects.map((a) => a.ref).sort()]), [['CVE-2019-8457', [pkgRef, 'workload:shop/Deployment/web']]]);
    assert.ok(doc.dependencies.find((d) => d.ref === 'image:r.example/a:1')?.dependsOn?.includes(pkgRef));
  });
});

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

describe('CLI without a registry', () => {
  it('checks and explain list the image rules with their metadata', async () => {
    const list = (JSON.parse((await runCli(['checks', '-o', 'json'])).stdout) as { checks: { id: string; subject: string; category: string; frameworks: { owasp?: string[] } }[] }).checks;
    for (const id of ['image-vulnerability', 'image-not-scanned', 'image-not-signed', 'image-root-empty-password']) {
      const c = list.find((x) => x.id === id);
      assert.equal(c?.subject, 'image', id);
      assert.equal(c?.category, 'images');
    }
    assert.equal(new Set(list.map((c) => c.id)).size, list.length, 'ids are unique across checks and image rules');
    const e = await runCli(['explain', 'image-vulnerability']);
    assert.equal(e.code, 0);
    assert.match(e.stdout, /^image-vulnerability: Image has a known vulnerability\n/);
    assert.match(e.stdout, /runs in: kubeward scan --images/);
    assert.match(e.stdout, /K02 {2}Supply Chain Vulnerabilities/);
  });

  it('scan --images with an unreachable registry: one image-not-scanned per use, the manifest scan intact, policy applies to image rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-scan-dead-'));
    try {
      const port = await closedPort();
      const img = `127.0.0.1:${port}/team/app:1`;
      writeFileSync(join(dir, 'apps.yaml'), [
        'apiVersion: v1', 'kind: Pod', 'metadata: {name: a, namespace: t}', 'spec:', '  containers:', `    - {name: app, image: "${img}"}`,
        '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: b, namespace: t}', 'spec:', '  containers:', `    - {name: app, image: "${img}"}`, '',
      ].join('\n'));
      writeFileSync(join(dir, '.kubeward.yaml'), 'severity: {image-not-scanned: low}\nexceptionsFile: exceptions.yaml\nimages: {enabled: true, insecureRegistries: ["127.0.0.1:' + port + '"]}\n');
      writeFileSync(join(dir, 'exceptions.yaml'), 'exceptions:\n  - check: image-not-scanned\n    object: {kind: Pod, name: b}\n    reason: test\n    owner: me\n');
      const r = await runCli(['scan', join(dir, 'apps.yaml'), '-o', 'json', '--no-progress'], { cwd: dir, env: { XDG_CACHE_HOME: dir, KUBEWARD_DB: '' } });
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as { findings: { checkId: string; severity: string; object?: { name: string }; message: string; location: { line: number } }[]; suppressed: { finding: { checkId: string; object?: { name: string } } }[]; warnings: string[] };
      const dead = report.findings.filter((f) => f.checkId === 'image-not-scanned');
      assert.deepEqual(dead.map((f) => [f.object?.name, f.severity, f.location.line]), [['a', 'low', 6]]);
      assert.match(dead[0]!.message, /ECONNREFUSED|fetch failed|connect/i);
      assert.deepEqual(report.suppressed.map((x) => [x.finding.checkId, x.finding.object?.name]), [['image-not-scanned', 'b']]);
      assert.ok(report.findings.some((f) => f.checkId === 'run-as-non-root' && f.object?.name === 'b'), 'manifest checks still ran on both pods');
      assert.ok(!report.warnings.some((w) => /unknown check/.test(w)), report.warnings.join('; '));
      assert.ok(report.warnings.some((w) => /vulnerabilities were not checked/.test(w)), 'no database: said so');
      const junit = await runCli(['scan', join(dir, 'apps.yaml'), '-o', 'junit', '--no-progress'], { cwd: dir, env: { XDG_CACHE_HOME: dir, KUBEWARD_DB: '' } });
      assert.doesNotMatch(junit.stdout, /image-vulnerability/, 'not evaluated without a database, so not reported as passed');
      assert.match(junit.stdout, /image-not-scanned/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('image scan -o cyclonedx-vex: a valid VEX BOM; sqlite-libs affected by CVE-2019-8457 (fixed in 3.28.0-r0), not CVE-2018-20346', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-vex-'));
    try {
      const db = join(dir, 'db.sqlite');
      assert.equal((await runCli(['db', 'import', 'test/fixtures/advisories', '--db', db])).code, 0);
      const r = await runCli(['image', 'scan', 'oci-layout:test/fixtures/oci/layout:v1', '-o', 'cyclonedx-vex', '--db', db]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(r.stdout), null);
      const doc = JSON.parse(r.stdout) as { vulnerabilities: { id: string; recommendation?: string; analysis: { state: string; response?: string[] }; affects: { ref: string; versions: { version: string; status: string }[] }[] }[] };
      const v = doc.vulnerabilities.find((x) => x.id === 'CVE-2019-8457')!;
      assert.ok(v);
      assert.match(v.affects[0]!.ref, /^pkg:apk\/alpine\/sqlite-libs@3\.26\.0-r3/);
      assert.deepEqual(v.affects[0]!.versions, [{ version: '3.26.0-r3', status: 'affected' }, { version: '3.28.0-r0', status: 'unaffected' }]);
      assert.equal(v.recommendation, 'Upgrade to sqlite-libs 3.28.0-r0');
      assert.equal(v.analysis.state, 'in_triage');
      assert.deepEqual(v.analysis.response, ['update']);
      assert.ok(!doc.vulnerabilities.some((x) => x.id === 'CVE-2018-20346'));
      const v2 = await runCli(['image', 'scan', 'oci-layout:test/fixtures/oci/layout:v2', '-o', 'cyclonedx-vex', '--db', db]);
      assert.ok(!(JSON.parse(v2.stdout) as { vulnerabilities?: { id: string }[] }).vulnerabilities?.some((x) => x.id === 'CVE-2019-8457'));
      const noDb = await runCli(['image', 'scan', 'oci-layout:test/fixtures/oci/layout:v1', '-o', 'cyclonedx-vex'], { env: { XDG_CACHE_HOME: dir, KUBEWARD_DB: '' } });
      assert.equal(noDb.code, 2);
      assert.match(noDb.stderr, /needs the advisory database/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scan --images: usage errors before anything is read; sbom without --images lists the references', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kw-scan-img-'));
    try {
      writeFileSync(join(dir, 'apps.yaml'), YAML);
      const bad = await runCli(['scan', dir, '--images', '--insecure-registry', 'registry.example']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--insecure-registry allows plain http only for loopback registries/);
      const noDb = await runCli(['scan', dir, '--images', '--db', join(dir, 'nope.sqlite')]);
      assert.equal(noDb.code, 2);
      assert.match(noDb.stderr, /no advisory database at/);
      const plat = await runCli(['scan', dir, '--images', '--platform', 'linux']);
      assert.equal(plat.code, 2);
      const noImages = await runCli(['scan', dir, '--require-signed', 'cosign.pub']);
      assert.equal(noImages.code, 2);
      assert.match(noImages.stderr, /--require-signed needs --images/);
      const sbom = await runCli(['sbom', dir]);
      assert.equal(sbom.code, 0, sbom.stderr);
      assert.equal(await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(sbom.stdout), null);
      const doc = JSON.parse(sbom.stdout) as { components: { 'bom-ref': string }[] };
      assert.deepEqual(doc.components.map((c) => c['bom-ref']).sort(), ['image:docker.io/library/busybox:latest', 'image:registry.example/team/web:1.2', 'workload:shop/Deployment/web']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
