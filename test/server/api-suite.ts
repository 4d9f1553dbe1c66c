// The storage + API suite, run against SQLite (api-sqlite.test.ts) and PostgreSQL (api-postgres.test.ts):
// one server per file, requests through fastify's inject, every answer checked against docs/openapi.yaml.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { sql, type Kysely } from 'kysely';
import { openDatabase, parseDbUrl } from '../../src/server/store/connect.js';
import { openStore, type KyselyStore } from '../../src/server/store/kysely-store.js';
import { runCli } from '../helpers/cli.js';
import { call } from '../helpers/openapi.js';

const SECRET = 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5';
const SCAN_1 = '0b5a3c2e-1d4f-4a6b-8c7d-9e0f1a2b3c4d';
const SCAN_2 = '1c6b4d3f-2e5a-4b7c-9d8e-0f1a2b3c4d5e';
const SCAN_GZ = '3e8d6f5b-4a7c-4d9e-8f0a-2b3c4d5e6f7a';
const SCAN_ND = '4f9e7a6c-5b8d-4e0f-9a1b-3c4d5e6f7a8b';
const SCAN_ND_GZ = '5a0f8b7d-6c9e-4f1a-8b2c-4d5e6f7a8b9c';
const SCAN_ND_BAD = '6b1a9c8e-7d0f-4a2b-9c3d-5e6f7a8b9c0d';
const SCAN_ND_DEFAULTS = '7c2b0d9f-8e1a-4b3c-8d4e-6f7a8b9c0d1e';
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

/** A scan with nothing in it, as the store takes it (KyselyStore.putScan). */
const prepareScanLike = (id: string, cluster: string) => ({
  id, cluster, scannedAt: null, score: 100, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, frameworks: [], sections: {}, fixes: {},
});

interface Report {
  schemaVersion: string;
  summary: { objects: number };
  findings: Array<{ checkId: string; severity: string; message: string; object?: { kind: string; namespace?: string; name: string }; evidence?: { found?: unknown }; frameworks: Record<string, unknown> }>;
}

/** `dbUrl()` gives the database to use (a fresh one), or undefined to skip with `reason()`. */
export function apiSuite(label: string, dbUrl: () => Promise<string | undefined>, cleanup: () => Promise<void> = async () => {}): void {
  let store: KyselyStore;
  let app: FastifyInstance;
  let admin: string;
  let reader: string;
  let agent: string;
  let report: Report;
  let skip = false;
  let dbTarget = '';
  const tmp = mkdtempSync(join(tmpdir(), 'kubeward-api-'));

  before(async () => {
    const url = await dbUrl();
    if (!url) {
      skip = true;
      return;
    }
    dbTarget = url;
    store = await openStore(parseDbUrl(url));
    app = await buildServer({ store, maxUploadBytes: 256 * 1024, uiDir: join(tmp, 'no-ui') });
    admin = (await store.createToken('admin', null)).token;
    reader = (await store.createToken('read', null)).token;
    agent = (await store.createToken('write:scans', 'prod')).token;
    const scan = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--framework', 'nsa']);
    report = JSON.parse(scan.stdout) as Report;
    // A secret-like value in a message and in evidence, as if a check had echoed input unredacted.
    report.findings[0]!.message = `value ${SECRET} found in an env var`;
    report.findings[0]!.evidence = { found: `token=${SECRET}` };
  });
  after(async () => {
    await app?.close();
    await store?.close();
    await cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  const t = (name: string, fn: () => Promise<void>) => test(`${label}: ${name}`, async (ctx) => (skip ? ctx.skip('no database') : fn()));

  t('upload: 201 the first time, 200 with the stored scan for the same id; the agent uploads for its own cluster', async () => {
    const first = await call(app, 'POST', `/api/v1/scans?cluster=prod&id=${SCAN_1}`, { token: agent, body: report });
    assert.equal(first.status, 201);
    assert.equal(first.json.findings, report.findings.length);
    assert.equal(first.json.cluster, 'prod');
    const again = await call(app, 'POST', `/api/v1/scans?cluster=prod&id=${SCAN_1}`, { token: agent, body: report });
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, first.json);
    const stored = await store.kysely.selectFrom('findings').select((eb) => eb.fn.countAll().as('n')).where('scan_id', '=', SCAN_1).executeTakeFirst();
    assert.equal(Number(stored!.n), report.findings.length, 'the second upload stored nothing');
    const other = await call(app, 'POST', `/api/v1/scans?cluster=prod&id=${SCAN_1}`, { token: admin, body: report, headers: {} });
    assert.equal(other.status, 200);
    const elsewhere = await call(app, 'POST', `/api/v1/scans?cluster=staging&id=${SCAN_1}`, { token: admin, body: report });
    assert.equal(elsewhere.status, 409);
  });

  t('secrets are redacted in storage: message and evidence hold the masked hint only', async () => {
    const rows = await store.kysely.selectFrom('findings').selectAll().where('scan_id', '=', SCAN_1).execute();
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(!JSON.stringify(r).includes(SECRET), `stored row holds the secret: ${r.message}`);
    assert.ok(rows.some((r) => r.message.includes('ghp_***')), 'the masked hint is kept');
    assert.ok(rows.some((r) => r.evidence?.includes('ghp_***')));
  });

  t('bad uploads: 413 over the limit, 400 for malformed JSON, a non-report or a bad id; the server stays up', async () => {
    const big = JSON.stringify({ ...report, padding: 'x'.repeat(300 * 1024) });
    const tooBig = await call(app, 'POST', '/api/v1/scans?cluster=prod', { token: agent, body: big });
    assert.equal(tooBig.status, 413);
    const broken = await call(app, 'POST', '/api/v1/scans?cluster=prod', { token: agent, body: '{"schemaVersion": "1.2", "findings": [' });
    assert.equal(broken.status, 400);
    assert.match(broken.json.error, /JSON/i);
    const notReport = await call(app, 'POST', '/api/v1/scans?cluster=prod', { token: agent, body: { hello: 'world' } });
    assert.equal(notReport.status, 400);
    assert.match(notReport.json.error, /schemaVersion/);
    const badFinding = await call(app, 'POST', '/api/v1/scans?cluster=prod', { token: agent, body: { schemaVersion: '1.2', findings: [{ checkId: 'x', severity: 'dire' }] } });
    assert.equal(badFinding.status, 400);
    assert.match(badFinding.json.error, /findings\[0\]\.severity/);
    const badId = await call(app, 'POST', '/api/v1/scans?cluster=prod&id=not-a-uuid', { token: agent, body: report });
    assert.equal(badId.status, 400);
    const badCluster = await call(app, 'POST', '/api/v1/scans?cluster=no%20spaces', { token: admin, body: report });
    assert.equal(badCluster.status, 400);
    const gz = (body: string) => ({ token: agent, body: gzipSync(body), headers: { 'content-encoding': 'gzip', 'content-type': 'application/json' } });
    const bomb = await call(app, 'POST', '/api/v1/scans?cluster=prod', gz(big));
    assert.equal(bomb.status, 413, 'the limit counts decompressed bytes');
    const corrupt = await call(app, 'POST', '/api/v1/scans?cluster=prod', { ...gz('{}'), body: Buffer.from('not gzip at all') });
    assert.equal(corrupt.status, 400);
    const brotli = await call(app, 'POST', '/api/v1/scans?cluster=prod', { ...gz('{}'), headers: { 'content-encoding': 'br', 'content-type': 'application/json' } });
    assert.equal(brotli.status, 415);
    const noType = await call(app, 'POST', '/api/v1/scans?cluster=prod', { token: agent, body: JSON.stringify(report), headers: { 'content-type': 'text/plain' } });
    assert.equal(noType.status, 415);
    assert.equal((await call(app, 'GET', '/healthz')).status, 200);
    const scans = await call(app, 'GET', '/api/v1/scans', { token: reader });
    assert.equal(scans.json.total, 1, 'no failed upload left a scan behind');
    const zipped = await call(app, 'POST', `/api/v1/scans?cluster=prod&id=${SCAN_GZ}`, gz(JSON.stringify(report)));
    assert.equal(zipped.status, 201, 'a gzip upload is stored');
    assert.equal(zipped.json.findings, report.findings.length);
    await store.kysely.deleteFrom('findings').where('scan_id', '=', SCAN_GZ).execute();
    await store.kysely.deleteFrom('scans').where('id', '=', SCAN_GZ).execute();
    await store.kysely.updateTable('clusters').set({ last_scan_id: SCAN_1 }).where('name', '=', 'prod').execute();
  });

  t('findings: filtered, sorted and paged in SQL, with totals', async () => {
    const all = await call(app, 'GET', '/api/v1/findings?limit=500', { token: reader });
    assert.equal(all.json.total, report.findings.length);
    const ranks = all.json.items.map((f: { severity: string }) => SEVERITY_ORDER.indexOf(f.severity));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'default order: most severe first');

    const severe = report.findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
    const filtered = await call(app, 'GET', '/api/v1/findings?severity=high,critical&cluster=prod', { token: reader });
    assert.equal(filtered.json.total, severe.length);
    assert.ok(filtered.json.items.every((f: { severity: string }) => f.severity === 'high' || f.severity === 'critical'));

    const page1 = await call(app, 'GET', '/api/v1/findings?sort=check&order=asc&limit=5&offset=0', { token: reader });
    const page2 = await call(app, 'GET', '/api/v1/findings?sort=check&order=asc&limit=5&offset=5', { token: reader });
    assert.equal(page1.json.items.length, 5);
    assert.equal(page2.json.total, report.findings.length);
    const ids = new Set([...page1.json.items, ...page2.json.items].map((f: { id: string }) => f.id));
    assert.equal(ids.size, 10, 'pages do not overlap');
    const checks = [...page1.json.items, ...page2.json.items].map((f: { checkId: string }) => f.checkId);
    assert.deepEqual(checks, [...checks].sort(), 'sorted by check id');

    const byName = await call(app, 'GET', '/api/v1/findings?sort=name&order=desc&limit=500', { token: reader });
    const names = byName.json.items.map((f: { name: string }) => f.name);
    assert.deepEqual(names, [...names].sort().reverse());

    const nsa = report.findings.filter((f) => Array.isArray(f.frameworks.nsa) && (f.frameworks.nsa as unknown[]).length > 0);
    const fw = await call(app, 'GET', '/api/v1/findings?framework=nsa&limit=500', { token: reader });
    assert.equal(fw.json.total, nsa.length);
    assert.ok(fw.json.items.every((f: { frameworks: string[] }) => f.frameworks.some((r) => r.startsWith('nsa-'))));

    const target = report.findings.find((f) => f.object?.namespace)!;
    const obj = await call(app, 'GET', `/api/v1/findings?namespace=${target.object!.namespace}&kind=${target.object!.kind}&name=${target.object!.name}&check=${target.checkId}`, { token: reader });
    assert.equal(obj.json.total, report.findings.filter((f) => f.checkId === target.checkId && f.object?.name === target.object!.name && f.object?.kind === target.object!.kind).length);
    assert.equal(obj.json.items[0].checkId, target.checkId);

    const text = await call(app, 'GET', '/api/v1/findings?q=PRIVILEGED', { token: reader });
    assert.ok(text.json.total > 0);
    assert.ok(text.json.items.every((f: { checkId: string; title: string; message: string; name: string }) => /privileged/i.test(f.checkId + f.title + f.message + f.name)));
    const none = await call(app, 'GET', '/api/v1/findings?q=%25_no_such_text', { token: reader });
    assert.equal(none.json.total, 0, 'LIKE wildcards in q are literal');

    assert.equal((await call(app, 'GET', '/api/v1/findings?sort=color', { token: reader })).status, 400);
    assert.equal((await call(app, 'GET', '/api/v1/findings?severity=dire', { token: reader })).status, 400);
    assert.equal((await call(app, 'GET', '/api/v1/findings?limit=100000', { token: reader })).status, 400);
  });

  t('a newer scan becomes the latest: clusters, findings (scan=latest), trends, scans, frameworks, scan detail', async () => {
    const smaller = { ...report, findings: report.findings.filter((f) => f.severity !== 'low' && f.severity !== 'info') };
    assert.equal((await call(app, 'POST', `/api/v1/scans?cluster=prod&id=${SCAN_2}`, { token: agent, body: smaller })).status, 201);
    const clean = { ...report, findings: [], compliance: undefined, summary: { ...report.summary, findings: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } } };
    assert.equal((await call(app, 'POST', `/api/v1/scans?cluster=staging`, { token: admin, body: clean })).status, 201);
    const clusters = await call(app, 'GET', '/api/v1/clusters', { token: reader });
    assert.deepEqual(clusters.json.items.map((c: { name: string }) => c.name), ['prod', 'staging']);
    const prod = clusters.json.items[0];
    assert.equal(prod.lastScanId, SCAN_2);
    assert.equal(prod.bySeverity.low, 0);
    assert.equal(clusters.json.items[1].score, 100, 'no findings and no compliance sections: 100');
    assert.equal(prod.score, (report as unknown as { compliance: Array<{ score: number }> }).compliance[0]!.score * 100, 'with a compliance section: its score');
    const latest = await call(app, 'GET', '/api/v1/findings?cluster=prod&limit=1', { token: reader });
    assert.equal(latest.json.total, smaller.findings.length);
    // Across every cluster (no cluster filter, a filter that counts rows): only the newer scan's findings.
    const check = smaller.findings[0]!.checkId;
    const everyCluster = await call(app, 'GET', `/api/v1/findings?check=${encodeURIComponent(check)}&limit=500`, { token: reader });
    assert.equal(everyCluster.json.total, smaller.findings.filter((f) => f.checkId === check).length);
    assert.deepEqual([...new Set(everyCluster.json.items.map((f: { scanId: string }) => f.scanId))], [SCAN_2]);
    const critical = await call(app, 'GET', '/api/v1/findings?severity=critical&limit=500', { token: reader });
    assert.equal(critical.json.items.length, smaller.findings.filter((f) => f.severity === 'critical').length);
    assert.equal(critical.json.total, critical.json.items.length);
    const old = await call(app, 'GET', `/api/v1/findings?scan=${SCAN_1}&limit=1`, { token: reader });
    assert.equal(old.json.total, report.findings.length);
    const trends = await call(app, 'GET', '/api/v1/trends?cluster=prod&days=7', { token: reader });
    assert.deepEqual(trends.json.items.map((p: { scanId: string }) => p.scanId), [SCAN_1, SCAN_2]);
    const scans = await call(app, 'GET', '/api/v1/scans?cluster=prod&limit=1', { token: reader });
    assert.equal(scans.json.total, 2);
    assert.equal(scans.json.items[0].id, SCAN_2);
    const detail = await call(app, 'GET', `/api/v1/scans/${SCAN_1}`, { token: reader });
    assert.equal(detail.json.frameworks[0].id, 'nsa');
    assert.equal((await call(app, 'GET', '/api/v1/scans/nope', { token: reader })).status, 404);
    const fw = await call(app, 'GET', '/api/v1/frameworks?cluster=prod', { token: reader });
    assert.equal(fw.json.items[0].id, 'nsa');
    const failed = fw.json.items[0].controls.filter((c: { status: string }) => c.status === 'failed');
    assert.ok(failed.some((c: { findings: number }) => c.findings > 0), 'a failed control counts the findings of its checks');
    const passed = fw.json.items[0].controls.filter((c: { status: string }) => c.status === 'passed');
    assert.ok(passed.length > 0 && passed.every((c: { findings: number }) => c.findings === 0));
  });

  t('exceptions move findings to excepted (until they expire), and back when deleted; the export is read by kubeward scan --exceptions and --config', async () => {
    const target = report.findings.find((f) => f.object?.namespace && f.severity === 'high')!;
    const count = report.findings.filter((f) => f.checkId === target.checkId && f.object?.namespace === target.object!.namespace).length;
    const created = await call(app, 'POST', '/api/v1/exceptions', {
      token: admin, body: { checkId: target.checkId, cluster: 'prod', namespace: target.object!.namespace, owner: 'platform-team', reason: 'accepted risk, INC-42', expires: '2999-12-31' },
    });
    assert.equal(created.status, 201);
    const expired = await call(app, 'POST', '/api/v1/exceptions', { token: admin, body: { checkId: 'run-as-non-root', owner: 'a', reason: 'b', expires: '2001-01-01' } });
    assert.equal(expired.status, 201);
    const excepted = await call(app, 'GET', `/api/v1/findings?scan=${SCAN_1}&status=excepted&limit=500`, { token: reader });
    assert.equal(excepted.json.total, count);
    assert.ok(excepted.json.items.every((f: { checkId: string; exceptionId: string; status: string }) => f.checkId === target.checkId && f.status === 'excepted' && f.exceptionId === created.json.id));
    const open = await call(app, 'GET', `/api/v1/findings?scan=${SCAN_1}&status=open&limit=500`, { token: reader });
    assert.equal(open.json.total, report.findings.length - count);
    assert.ok(open.json.items.some((f: { checkId: string }) => f.checkId === 'run-as-non-root'), 'an expired exception excepts nothing');
    assert.equal((await call(app, 'POST', '/api/v1/exceptions', { token: admin, body: { checkId: 'x', reason: 'no owner' } })).status, 400);
    assert.equal((await call(app, 'POST', '/api/v1/exceptions', { token: admin, body: { checkId: 'x', owner: 'o', reason: 'r', expires: '2024-02-30' } })).status, 400);

    const policy = await call(app, 'GET', '/api/v1/exceptions/policy?cluster=prod', { token: reader });
    assert.equal(policy.status, 200);
    const file = join(tmp, 'exceptions.yaml');
    writeFileSync(file, policy.body);
    const scan = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--exceptions', file]);
    assert.equal(scan.code, 0, scan.stderr);
    const out = JSON.parse(scan.stdout) as { suppressed: Array<{ finding: { checkId: string }; by: string; reason: string }> };
    const suppressed = out.suppressed.filter((s) => s.finding.checkId === target.checkId);
    assert.equal(suppressed.length, count);
    assert.ok(suppressed.every((s) => s.by === 'exceptions-file' && s.reason === 'accepted risk, INC-42'));
    // The same file as a config file: --config reads its exceptions: list.
    const viaConfig = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--config', file]);
    assert.equal(viaConfig.code, 0, viaConfig.stderr);
    assert.deepEqual((JSON.parse(viaConfig.stdout) as typeof out).suppressed.map((s) => s.finding.checkId), suppressed.map((s) => s.finding.checkId));

    assert.equal((await call(app, 'DELETE', `/api/v1/exceptions/${created.json.id}`, { token: admin })).status, 204);
    assert.equal((await call(app, 'DELETE', `/api/v1/exceptions/${created.json.id}`, { token: admin })).status, 404);
    const after = await call(app, 'GET', `/api/v1/findings?scan=${SCAN_1}&status=excepted`, { token: reader });
    assert.equal(after.json.total, 0);
    const list = await call(app, 'GET', '/api/v1/exceptions', { token: reader });
    assert.deepEqual(list.json.items.map((e: { id: string }) => e.id), [expired.json.id]);
  });

  t('objects, RBAC and network views of the latest scan; audit alerts; metrics', async () => {
    const target = report.findings.find((f) => f.object?.namespace && f.severity !== 'low' && f.severity !== 'info')!;
    const o = target.object!;
    const view = await call(app, 'GET', `/api/v1/objects?cluster=prod&namespace=${o.namespace}&kind=${o.kind}&name=${o.name}`, { token: reader });
    assert.equal(view.status, 200);
    assert.ok(view.json.findings.length > 0 && view.json.findings.every((f: { name: string; scanId: string }) => f.name === o.name && f.scanId === SCAN_2));
    assert.equal(view.json.rbac, null);
    assert.equal((await call(app, 'GET', '/api/v1/objects?cluster=nowhere&kind=Pod&name=x', { token: reader })).status, 404);
    assert.deepEqual((await call(app, 'GET', '/api/v1/rbac?cluster=prod', { token: reader })).json, { available: false });
    assert.deepEqual((await call(app, 'GET', '/api/v1/netpol?cluster=prod', { token: reader })).json, { available: false });

    const alerts = { schemaVersion: '1.0', kind: 'AuditAlerts', alerts: [{ rule: 'secret-read-by-unusual-user', severity: 'high', auditID: 'a1', time: '2026-01-01T00:00:00Z', user: 'mallory', verb: 'get', objectRef: null, message: 'read a Secret' }], stats: {} };
    assert.equal((await call(app, 'POST', '/api/v1/audit-alerts?cluster=prod', { token: agent, body: alerts })).status, 201);
    assert.equal((await call(app, 'POST', '/api/v1/audit-alerts?cluster=prod', { token: agent, body: { alerts: 'no' } })).status, 400);
    const listed = await call(app, 'GET', '/api/v1/audit-alerts?cluster=prod', { token: reader });
    assert.equal(listed.json.total, 1);
    assert.equal(listed.json.items[0].user, 'mallory');
    assert.equal(listed.json.items[0].cluster, 'prod');

    const metrics = await call(app, 'GET', '/metrics', { token: reader });
    assert.match(metrics.body, /^kubeward_findings\{cluster="prod",severity="high"\} \d+$/m);
    assert.match(metrics.body, /^kubeward_last_scan_timestamp_seconds\{cluster="staging"\} \d{10}$/m);
    assert.match(metrics.body, /^kubeward_http_requests_total\{route="\/api\/v1\/scans",status="201"\} [1-9]\d*$/m);
  });

  t('a scan with the rbac and netpol sections (scan --include-analyses) is served by /rbac, /netpol and the object view', async () => {
    const scan = await runCli(['scan', 'examples', 'test/fixtures/rbac/cluster.yaml', '--include-analyses', '-o', 'json']);
    assert.equal((await call(app, 'POST', '/api/v1/scans?cluster=views', { token: admin, body: scan.stdout, headers: { 'content-type': 'application/json' } })).status, 201);
    const rbac = (await call(app, 'GET', '/api/v1/rbac?cluster=views', { token: reader })).json;
    assert.equal(rbac.available, true);
    const bob = rbac.rbac.subjects.find((s: { subject: string }) => s.subject === 'User bob');
    assert.deepEqual([bob.clusterAdmin, bob.powers], [true, ['do anything (* on *)']]);
    assert.ok(rbac.rbac.edges.some((e: Record<string, string>) => e.subject === 'ServiceAccount ci/deployer' && e.power === 'create pods or pod-creating workloads' && e.scope === 'prod'));
    const netpol = (await call(app, 'GET', '/api/v1/netpol?cluster=views', { token: reader })).json;
    assert.equal(netpol.available, true);
    const web = netpol.netpol.workloads.find((w: { workload: string }) => w.workload === 'shop/web[Deployment]');
    assert.deepEqual([web.fromCount, web.fromInternet], [0, false]);
    assert.ok(netpol.netpol.edges.some((e: Record<string, string>) => e.from === 'finance/nightly-report[CronJob]' && e.to === 'shop/legacy-web[Deployment]'));
    const object = (await call(app, 'GET', '/api/v1/objects?cluster=views&namespace=prod&kind=Deployment&name=web', { token: reader })).json;
    assert.deepEqual(object.rbac, { serviceAccount: 'prod/ops-bot', tokenMounted: true, clusterAdmin: false, powers: ['create service account tokens'], escalationHops: 4 });
    const legacy = (await call(app, 'GET', '/api/v1/objects?cluster=views&namespace=shop&kind=Deployment&name=legacy-web', { token: reader })).json;
    assert.equal(legacy.exposure.fromInternet, true);
    assert.equal(legacy.rbac, null, 'its service account holds nothing');
  });

  t('NDJSON upload (what scan --upload sends) is stored as it arrives, the same rows as the JSON upload; a bad line, findings in the header or a body over the limit store nothing', async () => {
    const { findings, ...head } = report;
    const nd = (h: unknown, fs: readonly unknown[]) => [JSON.stringify(h), ...fs.map((f) => JSON.stringify(f))].join('\n') + '\n';
    const ndjson = (body: string | Buffer, extra: Record<string, string> = {}) => ({ token: admin, body, headers: { 'content-type': 'application/x-ndjson', ...extra } });
    const stored = async (id: string) => (await store.kysely.selectFrom('findings')
      .select(['check_id', 'title', 'severity', 'kind', 'namespace', 'name', 'container', 'file', 'line', 'message', 'fix', 'frameworks', 'evidence', 'fingerprint'])
      .where('scan_id', '=', id).execute()).map((r) => JSON.stringify(r)).sort();
    const scanCount = async (id: string) => Number((await store.kysely.selectFrom('findings').select((eb) => eb.fn.countAll().as('n')).where('scan_id', '=', id).executeTakeFirst())!.n);

    const ok = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND}`, ndjson(nd(head, findings)));
    assert.equal(ok.status, 201, ok.body);
    assert.equal(ok.json.findings, findings.length);
    assert.deepEqual(await stored(SCAN_ND), await stored(SCAN_1), 'the same rows as the JSON upload of the same report (redacted alike)');
    assert.ok((await stored(SCAN_ND)).every((r) => !r.includes(SECRET)));
    // Each check's fix is stored once per scan (scans.fixes), and every finding the API returns carries it.
    const fixOf = new Map((findings as Array<{ checkId: string; remediation?: string }>).map((f) => [f.checkId, f.remediation ?? '']));
    const items = (await call(app, 'GET', `/api/v1/findings?scan=${SCAN_ND}&limit=500`, { token: reader })).json.items as Array<{ checkId: string; fix: string }>;
    assert.equal(items.length, findings.length);
    for (const f of items) assert.equal(f.fix, fixOf.get(f.checkId), f.checkId);
    assert.ok(items.every((f) => f.fix.length > 0));
    assert.deepEqual((await call(app, 'GET', `/api/v1/scans/${SCAN_ND}`, { token: reader })).json.bySeverity,
      (await call(app, 'GET', `/api/v1/scans/${SCAN_1}`, { token: reader })).json.bySeverity);
    // findingDefaults (what scan --upload sends): a check's title, category, remediation and frameworks once in the
    // header; lines without them get them back, a line's own value wins. Stored exactly like the full upload.
    const defaults: Record<string, Record<string, unknown>> = {};
    for (const f of findings as Array<Record<string, unknown> & { checkId: string }>) {
      defaults[f.checkId] ??= { title: f.title, category: f.category, remediation: f.remediation, frameworks: f.frameworks };
    }
    const slim = (findings as Array<Record<string, unknown> & { checkId: string }>).map((f, i) => {
      const { title, category, remediation, frameworks, ...rest } = f;
      return i === 1 ? { ...rest, title, remediation } : rest; // one line keeps its own values
    });
    const withDefaults = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND_DEFAULTS}`, ndjson(nd({ ...head, findingDefaults: defaults }, slim)));
    assert.equal(withDefaults.status, 201, withDefaults.body);
    assert.deepEqual(await stored(SCAN_ND_DEFAULTS), await stored(SCAN_1));
    const badDefaults = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND_BAD}`, ndjson(nd({ ...head, findingDefaults: ['x'] }, slim)));
    assert.equal(badDefaults.status, 400);
    assert.match(badDefaults.json.error, /findingDefaults/);
    const again = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND}`, ndjson(nd(head, findings)));
    assert.equal(again.status, 200);
    assert.equal(await scanCount(SCAN_ND), findings.length, 'a retried upload stores nothing more');
    // gzip, CRLF line ends and a blank line are fine.
    const crlf = nd(head, findings).replace(/\n/g, '\r\n').replace('\r\n', '\r\n\r\n');
    const zipped = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND_GZ}`, ndjson(gzipSync(crlf), { 'content-encoding': 'gzip' }));
    assert.equal(zipped.status, 201, zipped.body);
    assert.equal(await scanCount(SCAN_ND_GZ), findings.length);

    // A broken line after the first 2,000-finding batch was already written: 400 naming the line, and nothing of the scan stays.
    const many = Array.from({ length: 2500 }, (_, i) => ({ checkId: 'c', severity: 'low', message: `m${i}` }));
    const broken = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND_BAD}`, ndjson(nd(head, many) + '{"checkId": "x",\n'));
    assert.equal(broken.status, 400);
    assert.match(broken.json.error, /^line 2502 is not JSON/);
    const badSeverity = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND_BAD}`, ndjson(nd(head, [...many, { checkId: 'x', severity: 'dire' }])));
    assert.equal(badSeverity.status, 400);
    assert.match(badSeverity.json.error, /findings\[2500\]\.severity/);
    const inHeader = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND_BAD}`, ndjson(nd(report, [])));
    assert.equal(inHeader.status, 400);
    assert.match(inHeader.json.error, /without "findings"/);
    const tooBig = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND_BAD}`, ndjson(nd(head, [...many, ...many, ...many])));
    assert.equal(tooBig.status, 413);
    const empty = await call(app, 'POST', `/api/v1/scans?cluster=nd&id=${SCAN_ND_BAD}`, ndjson(''));
    assert.equal(empty.status, 400);
    assert.equal((await call(app, 'GET', `/api/v1/scans/${SCAN_ND_BAD}`, { token: reader })).status, 404);
    assert.equal(await scanCount(SCAN_ND_BAD), 0, 'no finding of a refused upload is stored');
    const elsewhere = await app.inject({ method: 'POST', url: '/api/v1/exceptions', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' }, payload: '{}\n' });
    assert.equal(elsewhere.statusCode, 415, 'NDJSON is for scan uploads only');
    assert.equal((await call(app, 'GET', '/api/v1/clusters', { token: reader })).json.items.find((c: { name: string }) => c.name === 'nd').lastScanId, SCAN_ND_GZ);
  });

  t('texts with tabs, line breaks, backslashes and \\N come back exactly (PostgreSQL COPY escaping); plain rows beside them too', async () => {
    const odd = ['a\tb', 'line1\nline2', 'cr\rhere', 'back\\slash', '\\N', 'ends with \\', 'quote " and emoji 🔐', 'tab\\tliteral'];
    const findings = odd.map((text, i) => ({
      checkId: `odd-${i}`, severity: 'low', title: `title ${text}`, message: `message ${text}`, category: text, remediation: `fix ${text}`,
      object: { kind: 'Pod', namespace: `ns ${text}`, name: text }, location: { file: `dir/${text}.yaml`, line: i + 1 },
      evidence: { found: text, expected: `not ${text}` }, fingerprint: `fp-${i}`, frameworks: { cis: [`1.${i}`] },
    }));
    findings.push({ ...findings[0]!, checkId: 'odd-plain', title: 'plain', message: 'plain', category: 'plain', remediation: 'plain', object: { kind: 'Pod', namespace: 'plain', name: 'plain' }, evidence: { found: 'plain', expected: 'x' }, fingerprint: 'fp-plain' });
    const id = '8d3c1e0a-9f2b-4c4d-9e5f-7a8b9c0d1e2f';
    const head = { schemaVersion: report.schemaVersion, summary: report.summary };
    const body = [JSON.stringify(head), ...findings.map((f) => JSON.stringify(f))].join('\n');
    const up = await call(app, 'POST', `/api/v1/scans?cluster=odd&id=${id}`, { token: admin, body, headers: { 'content-type': 'application/x-ndjson' } });
    assert.equal(up.status, 201, up.body);
    const items = (await call(app, 'GET', `/api/v1/findings?scan=${id}&sort=check&order=asc&limit=50`, { token: reader })).json.items as Array<Record<string, unknown>>;
    assert.equal(items.length, findings.length);
    for (const f of findings) {
      const got = items.find((r) => r.checkId === f.checkId)!;
      assert.deepEqual({ title: got.title, message: got.message, category: got.category, fix: got.fix, namespace: got.namespace, name: got.name, file: got.file, line: got.line, evidence: got.evidence, frameworks: got.frameworks },
        { title: f.title, message: f.message, category: f.category, fix: f.remediation, namespace: f.object.namespace, name: f.object.name, file: f.location.file, line: f.location.line, evidence: f.evidence, frameworks: [f.frameworks.cis[0] && `cis-${f.frameworks.cis[0]}`] }, f.checkId);
    }
    await store.kysely.deleteFrom('findings').where('scan_id', '=', id).execute();
    await store.kysely.deleteFrom('clusters').where('name', '=', 'odd').execute();
    await store.kysely.deleteFrom('scans').where('id', '=', id).execute();
  });

  t('across clusters, the pages merged from each latest scan equal one sort of all their rows: every order, filters, deep pages, 450 clusters', async () => {
    // 450 more clusters (more than one UNION ALL of SQLite takes), each with one stored scan of 3 findings, plus an
    // older scan of one of them that must not show.
    const db = store.kysely;
    const SEV = ['critical', 'high', 'medium', 'low', 'info'];
    const at = '2026-01-01T00:00:00.000Z';
    const seqOf = new Map<string, number>();
    const finding = (scan: string, cluster: string, k: number) => {
      const severity = SEV[(k * 7) % 5]!;
      return { scan_id: scan, scan_seq: seqOf.get(scan) ?? 0, cluster, check_id: `merge-check-${k % 4}`, title: 't', severity, severity_rank: 4 - SEV.indexOf(severity), category: 'c', kind: 'Pod',
        namespace: `ns-${(k * 13) % 9}`, name: `pod-${(k * 31) % 97}`, container: '', file: 'f', line: 1, message: `merge ${k}`, fix: 'x', frameworks: '', evidence: null, fingerprint: `fp-${k}` };
    };
    // The scan row's per-severity counts (what a total filtered only by severity is read from) match its findings.
    const scanRow = (id: string, cluster: string, ks: number[]) => ({
      id, seq: seqOf.set(id, 100_000 + seqOf.size).get(id)!, cluster, created_at: at, scanned_at: null, score: 50, findings: ks.length, frameworks: '[]', sections: '{}', fixes: '{}',
      ...Object.fromEntries(SEV.map((v) => [v, ks.filter((k) => finding(id, cluster, k).severity === v).length])) as Record<'critical' | 'high' | 'medium' | 'low' | 'info', number>,
    });
    const names = Array.from({ length: 450 }, (_, c) => `merge-${String(c).padStart(3, '0')}`);
    for (let c = 0; c < names.length; c += 150) {
      const part = names.slice(c, c + 150);
      await db.insertInto('scans').values(part.map((n, i) => scanRow(`scan-${n}`, n, [0, 1, 2].map((k) => (c + i) * 3 + k)))).execute();
      await db.insertInto('clusters').values(part.map((n) => ({ name: n, last_scan_id: `scan-${n}`, last_scan_at: at }))).execute();
      await db.insertInto('findings').values(part.flatMap((n, i) => [0, 1, 2].map((k) => finding(`scan-${n}`, n, (c + i) * 3 + k)))).execute();
    }
    await db.insertInto('scans').values(scanRow('scan-merge-old', names[0]!, [0, 1, 2])).execute();
    await db.insertInto('findings').values([0, 1, 2].map((k) => finding('scan-merge-old', names[0]!, k))).execute();
    try {
      const latestIds = (await db.selectFrom('clusters').select('last_scan_id').execute()).map((r) => r.last_scan_id);
      const rows = (await db.selectFrom('findings').selectAll().where('scan_id', 'in', latestIds).execute()).map((r) => ({ ...r, id: Number(r.id) }));
      type Row = (typeof rows)[number];
      const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
      const oracle = (sort: string, order: string, keep: (r: Row) => boolean) => {
        const col = { severity: 'severity_rank', check: 'check_id', namespace: 'namespace', name: 'name' }[sort] as keyof Row;
        const dir = order === 'asc' ? 1 : -1;
        return rows.filter(keep).sort((a, b) => dir * cmp(a[col]!, b[col]!) || (sort === 'namespace' ? dir * cmp(a.name, b.name) : 0)
          || (sort !== 'severity' ? b.severity_rank - a.severity_rank : 0) || a.id - b.id).map((r) => String(r.id));
      };
      const filters: Array<[string, (r: Row) => boolean]> = [
        ['', () => true],
        ['&severity=high', (r) => r.severity === 'high'],
        ['&severity=critical,low', (r) => r.severity === 'critical' || r.severity === 'low'],
        ['&check=merge-check-2', (r) => r.check_id === 'merge-check-2'],
        ['&namespace=ns-4', (r) => r.namespace === 'ns-4'],
      ];
      let compared = 0;
      for (const sort of ['severity', 'check', 'namespace', 'name']) {
        for (const order of ['asc', 'desc']) {
          for (const [f, keep] of filters) {
            const want = oracle(sort, order, keep);
            for (const [limit, offset] of [[50, 0], [17, 33], [200, 1250]] as const) {
              const got = await call(app, 'GET', `/api/v1/findings?sort=${sort}&order=${order}${f}&limit=${limit}&offset=${offset}`, { token: reader });
              assert.equal(got.status, 200);
              assert.deepEqual(got.json.items.map((r: { id: string }) => r.id), want.slice(offset, offset + limit), `sort=${sort} order=${order}${f} offset=${offset}`);
              assert.equal(got.json.total, want.length, `total of ${f || 'all'}`);
              compared++;
            }
          }
        }
      }
      assert.equal(compared, 120);
      assert.ok(!rows.some((r) => r.scan_id === 'scan-merge-old'));
    } finally {
      await db.deleteFrom('findings').where((eb) => eb.or([eb('scan_id', 'like', 'scan-merge-%')])).execute();
      await db.deleteFrom('clusters').where('name', 'like', 'merge-%').execute();
      await db.deleteFrom('scans').where('id', 'like', 'scan-merge-%').execute();
    }
  });

  t('migration 005 on a database stored at 004: scans numbered in upload order, their rows found through the numbers, the next upload numbered after them', async () => {
    const pgDb = dbTarget.startsWith('sqlite:') ? undefined : 'kubeward_at_004';
    if (pgDb) await sql.raw(`create database ${pgDb}`).execute(store.kysely);
    const url = pgDb ? dbTarget.replace(/\/[^/]*$/, `/${pgDb}`) : `sqlite:${join(tmp, 'at-004.db')}`;
    try {
      const old = await openDatabase(parseDbUrl(url), '004-lighter-uploads') as unknown as Kysely<any>;
      // Three stored scans, as 004 kept them: cluster a (s-a1, then s-a2), cluster b (s-b1, stored in between).
      const scans = [['s-a1', 'a', '2026-01-01T00:00:00.000Z'], ['s-b1', 'b', '2026-01-02T00:00:00.000Z'], ['s-a2', 'a', '2026-01-03T00:00:00.000Z']] as const;
      for (const [id, cluster, at] of scans) {
        await old.insertInto('scans').values({ id, cluster, created_at: at, scanned_at: null, score: 50, findings: 2, critical: 0, high: 2, medium: 0, low: 0, info: 0, frameworks: '[]', sections: '{}' }).execute();
        await old.insertInto('findings').values([1, 2].map((k) => ({
          scan_id: id, cluster, check_id: `c${k}`, title: 't', severity: 'high', severity_rank: 3, category: 'c', kind: 'Pod', namespace: 'ns', name: `${id}-${k}`,
          container: '', file: 'f', line: 1, message: 'm', fix: 'x', frameworks: '', evidence: null, fingerprint: `${id}-${k}`, latest: id === 's-a1' ? 0 : 1,
        }))).execute();
      }
      await old.insertInto('clusters').values([{ name: 'a', last_scan_id: 's-a2', last_scan_at: scans[2][2] }, { name: 'b', last_scan_id: 's-b1', last_scan_at: scans[1][2] }]).execute();
      await old.destroy();

      const migrated = await openStore(parseDbUrl(url));
      try {
        const seqs = await migrated.kysely.selectFrom('scans').select(['id', 'seq']).orderBy('seq').execute();
        assert.deepEqual(seqs.map((r) => [r.id, Number(r.seq)]), [['s-a1', 1], ['s-b1', 2], ['s-a2', 3]]);
        const names = async (q: Partial<Parameters<KyselyStore['queryFindings']>[0]>) => (await migrated.queryFindings({ scan: 'latest', status: 'all', sort: 'name', order: 'asc', limit: 50, offset: 0, ...q })).items.map((f) => f.name);
        assert.deepEqual(await names({}), ['s-a2-1', 's-a2-2', 's-b1-1', 's-b1-2'], 'the latest scan of each cluster');
        assert.deepEqual(await names({ scan: 's-a1' }), ['s-a1-1', 's-a1-2']);
        assert.deepEqual(await names({ cluster: 'b', check: 'c2' }), ['s-b1-2']);
        const up = await migrated.putScan({ ...prepareScanLike('s-a3', 'a'), findings: [] });
        assert.equal(up.created, true);
        assert.equal(Number((await migrated.kysely.selectFrom('scans').select('seq').where('id', '=', 's-a3').executeTakeFirstOrThrow()).seq), 4);
        assert.deepEqual(await names({}), ['s-b1-1', 's-b1-2'], 'a has a newer (empty) scan');
      } finally {
        await migrated.close();
      }
    } finally {
      if (pgDb) await sql.raw(`drop database ${pgDb}`).execute(store.kysely);
    }
  });

}
