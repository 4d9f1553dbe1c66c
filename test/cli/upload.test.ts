// `scan --upload`, `audit scan --upload` and the upload client against a real HTTP server (node:http) that records
// every request and answers as told: the body arrives streamed and parses to the report written locally, the
// scan id is one UUID across retries, 5xx and dropped connections are retried, 401/403/413 are final with a
// message that says what to do, and the token appears in no output.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

interface Recorded { method: string; url: URL; headers: IncomingMessage['headers']; body: string }
type Answer = (req: Recorded, res: ServerResponse) => void;

/**
 * A scan upload's NDJSON body as the report it encodes: line 1 is the report without findings plus
 * `findingDefaults` (per check: title, category, remediation, frameworks), then a line per finding without those.
 */
const reportOf = (body: string): { findings: unknown[]; schemaVersion: string } => {
  const [head, ...lines] = body.split('\n').filter((l) => l.trim());
  const { findingDefaults, ...report } = JSON.parse(head!) as { schemaVersion: string; findingDefaults: Record<string, Record<string, unknown>> };
  const findings = lines.map((l) => {
    const f = JSON.parse(l) as { checkId: string; [k: string]: unknown };
    // The key order of -o json: defaults go back where they were.
    const d = findingDefaults[f.checkId]!;
    const { checkId, severity, message, object, location, path, evidence, fingerprint, ...rest } = f;
    return Object.fromEntries(Object.entries({
      checkId, severity, title: f.title ?? d.title, message, category: f.category ?? d.category, object, location, path, evidence,
      remediation: f.remediation ?? d.remediation, frameworks: f.frameworks ?? d.frameworks, fingerprint, ...rest,
    }).filter(([, v]) => v !== undefined));
  });
  return { ...report, findings };
};

const TOKEN = 'kw_c2VjcmV0LXRva2VuLW5ldmVyLXByaW50ZWQtYW55d2hlcmU';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('upload to a kubeward server', () => {
  let server: Server;
  let base: string;
  let tmp: string;
  let requests: Recorded[] = [];
  let answers: Answer[] = [];
  const created: Answer = (r, res) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: r.url.searchParams.get('id'), cluster: r.url.searchParams.get('cluster'), findings: r.url.pathname.endsWith('/scans') ? reportOf(r.body).findings.length : 0, createdAt: new Date().toISOString() }));
  };

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'kubeward-upload-'));
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => {
        const rec = { method: req.method!, url: new URL(req.url!, 'http://x'), headers: req.headers, body };
        requests.push(rec);
        (answers.shift() ?? created)(rec, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    requests = [];
    answers = [];
  });
  const clean = (r: { stdout: string; stderr: string }) => assert.ok(!(r.stdout + r.stderr).includes(TOKEN) && !(r.stdout + r.stderr).includes('c2VjcmV0'), 'the token is printed');

  test('scan --upload: the report is written, then streamed to POST /api/v1/scans with the cluster, a UUID and the bearer token', async () => {
    const file = join(tmp, 'report.json');
    const r = await runCli(['scan', 'examples/insecure-app.yaml', '-o', `json=${file}`, '--upload', `${base}/`, '--token', TOKEN, '--cluster-name', 'prod-eu', '--fail-on', 'critical']);
    assert.equal(r.code, 1, r.stderr); // the gate's answer is kept when the upload succeeds
    assert.equal(requests.length, 1);
    const [q] = requests;
    assert.equal(q!.method, 'POST');
    assert.equal(q!.url.pathname, '/api/v1/scans');
    assert.equal(q!.url.searchParams.get('cluster'), 'prod-eu');
    assert.match(q!.url.searchParams.get('id')!, UUID);
    assert.equal(q!.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(q!.headers['content-type'], 'application/x-ndjson');
    assert.equal(q!.headers['transfer-encoding'], 'chunked'); // streamed, not one buffered body
    // NDJSON: line 1 the report without findings, then one finding per line; together exactly the report written.
    const lines = q!.body.split('\n');
    assert.equal(lines.at(-1), '');
    assert.equal((JSON.parse(lines[0]!) as { findings?: unknown }).findings, undefined);
    assert.deepEqual(reportOf(q!.body), JSON.parse(readFileSync(file, 'utf8')));
    assert.equal(reportOf(q!.body).schemaVersion, '1.3');
    const n = reportOf(q!.body).findings.length;
    assert.equal(lines.length, n + 2);
    assert.match(r.stderr, new RegExp(`uploaded scan ${q!.url.searchParams.get('id')} for cluster prod-eu to ${base.replace(/\./g, '\\.')}, ${n} findings`));
    clean(r);
  });

  test('KUBEWARD_TOKEN from the environment; a 503 (Retry-After: 0) is retried with the same scan id; 200 = already stored', async () => {
    answers = [
      (_q, res) => (res.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' }), res.end('{"error":"database busy"}')),
      (q, res) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ id: q.url.searchParams.get('id'), findings: 3 }))),
    ];
    const r = await runCli(['scan', 'examples/hardened-app.yaml', '-o', 'json', '--upload', base, '--cluster-name', 'c1'], { env: { KUBEWARD_TOKEN: TOKEN } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(requests.length, 2);
    const ids = new Set(requests.map((q) => q.url.searchParams.get('id')));
    assert.equal(ids.size, 1);
    assert.ok(requests.every((q) => q.headers.authorization === `Bearer ${TOKEN}` && q.body === requests[0]!.body));
    assert.match(r.stderr, /upload to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/scans failed \(503 database busy\); retry 1\/3 in 0\.0 s/);
    assert.match(r.stderr, /uploaded \(already stored\) scan [0-9a-f-]{36} for cluster c1/);
    assert.doesNotThrow(() => JSON.parse(r.stdout)); // the local report still went to stdout
    clean(r);
  });

  test('401, 403 and 413 are final: exit 2 with what to do, after the report is written; a token echoed by the server is not printed', async () => {
    const file = join(tmp, 'kept.json');
    answers = [(_q, res) => (res.writeHead(401, { 'content-type': 'application/json' }), res.end(JSON.stringify({ error: `unknown token ${TOKEN}` })))];
    const unauth = await runCli(['scan', 'examples/hardened-app.yaml', '-o', `json=${file}`, '--upload', base, '--token', TOKEN, '--cluster-name', 'c1']);
    assert.equal(unauth.code, 2);
    assert.equal(requests.length, 1);
    assert.match(unauth.stderr, /kubeward: upload failed: the server refused the token \(401 Unauthorized: unknown token \[redacted\]\); check --token or KUBEWARD_TOKEN/);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { schemaVersion: string }).schemaVersion, '1.3');
    clean(unauth);

    answers = [(_q, res) => (res.writeHead(403, { 'content-type': 'application/json' }), res.end('{"error":"token is bound to cluster other"}'))];
    const forbidden = await runCli(['scan', 'examples/hardened-app.yaml', '-o', 'json', '--upload', base, '--token', TOKEN, '--cluster-name', 'c1']);
    assert.equal(forbidden.code, 2);
    assert.match(forbidden.stderr, /the token may not upload for cluster "c1" \(403 Forbidden: token is bound to cluster other\); an upload needs a write:scans token for this cluster, or admin/);

    answers = [(_q, res) => (res.writeHead(413, { 'content-type': 'application/json' }), res.end('{"error":"body larger than 64 MiB"}'))];
    const big = await runCli(['scan', 'examples/hardened-app.yaml', '-o', 'json', '--upload', base, '--token', TOKEN, '--cluster-name', 'c1']);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /the report is larger than the server accepts \(413 Payload Too Large: body larger than 64 MiB\)/);
    assert.equal(requests.length, 3); // no retry of a final answer
  });

  test('the client: a dropped connection is retried with the same id and body; a server that is down: the retries run out, naming the reason', async () => {
    const { upload } = await import('../../src/cli/upload.js');
    answers = [(_q, res) => res.socket!.destroy()];
    const retries: string[] = [];
    const done = await upload('scans', () => ['{"a":', '1}'], { server: base, token: TOKEN, cluster: 'c' }, { backoffMs: 1, onRetry: (m) => retries.push(m) });
    assert.equal(done.status, 201);
    assert.equal(done.attempts, 2);
    assert.equal(requests.length, 2);
    assert.deepEqual(requests.map((q) => q.url.searchParams.get('id')), [done.id, done.id]);
    assert.equal(requests[1]!.body, '{"a":1}');
    assert.match(retries[0]!, /^upload to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/scans failed \(\w+[^)]*\); retry 1\/3 in 0\.0 s$/);

    const down = createServer();
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', r));
    const port = (down.address() as AddressInfo).port;
    await new Promise((r) => down.close(r));
    await assert.rejects(upload('scans', () => ['{}'], { server: `http://127.0.0.1:${port}`, token: TOKEN, cluster: 'c' }, { attempts: 2, backoffMs: 1 }),
      /upload to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/scans failed after 2 attempts: ECONNREFUSED/);
  });

  test('the client: a redirect is final and not followed (the token stays here); an answer before the body is read wins over the write error', async () => {
    const { upload } = await import('../../src/cli/upload.js');
    const elsewhere = createServer((_q, res) => (requests.push({} as Recorded), res.end()));
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    try {
      const to = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/api/v1/scans?token=${TOKEN}`;
      answers = [(_q, res) => (res.writeHead(307, { location: to }), res.end())];
      await assert.rejects(upload('scans', () => ['{}'], { server: base, token: TOKEN, cluster: 'c' }, { backoffMs: 1 }), (err: Error) => {
        assert.match(err.message, /^the server answered 307, a redirect to http:\/\/127\.0\.0\.1:\d+\/api\/v1\/scans; redirects are not followed/);
        assert.ok(!err.message.includes(TOKEN));
        return true;
      });
      assert.equal(requests.length, 1); // not retried, and nothing reached the other server
    } finally {
      await new Promise((r) => elsewhere.close(r));
    }

    // A server that refuses at once and closes: 40 MiB of body are not sent, and the 401 is what the caller hears.
    const early = createServer((_q, res) => {
      res.writeHead(401, { 'content-type': 'application/json', connection: 'close' });
      res.end('{"error":"unknown token"}');
    });
    await new Promise<void>((r) => early.listen(0, '127.0.0.1', r));
    try {
      const piece = 'x'.repeat(1 << 20);
      let made = 0;
      const pieces = function* () {
        for (let i = 0; i < 40; i++, made++) yield piece;
      };
      await assert.rejects(upload('scans', pieces, { server: `http://127.0.0.1:${(early.address() as AddressInfo).port}`, token: TOKEN, cluster: 'c' }),
        /the server refused the token \(401 Unauthorized: unknown token\)/);
      assert.ok(made < 40, `all ${made} pieces were made`);
    } finally {
      early.closeAllConnections();
      await new Promise((r) => early.close(r));
    }
  });

  test('usage errors before any scan: no token, no cluster name, credentials in the URL, --cluster-name without --upload', async () => {
    const noToken = await runCli(['scan', 'examples/hardened-app.yaml', '--upload', base, '--cluster-name', 'c'], { env: { KUBEWARD_TOKEN: undefined } });
    assert.equal(noToken.code, 2);
    assert.equal(noToken.stderr, 'kubeward: --upload needs a token: --token or KUBEWARD_TOKEN\n');
    const noName = await runCli(['scan', 'examples/hardened-app.yaml', '--upload', base, '--token', TOKEN]);
    assert.equal(noName.code, 2);
    assert.equal(noName.stderr, 'kubeward: --upload needs --cluster-name (the name the server stores the scan under)\n');
    const creds = await runCli(['scan', 'examples/hardened-app.yaml', '--upload', 'http://admin:hunter2@127.0.0.1:1', '--token', TOKEN, '--cluster-name', 'c']);
    assert.equal(creds.code, 2);
    assert.match(creds.stderr, /the server URL must not carry credentials/);
    assert.ok(!creds.stderr.includes('hunter2'));
    const lone = await runCli(['scan', 'examples/hardened-app.yaml', '--cluster-name', 'c']);
    assert.equal(lone.code, 2);
    assert.equal(lone.stderr, 'kubeward: --cluster-name needs --upload\n');
    const agent = await runCli(['agent', '--token', TOKEN, '--cluster-name', 'c', '--once']);
    assert.equal(agent.code, 2);
    assert.match(agent.stderr, /agent needs --server URL/);
    const interval = await runCli(['agent', '--server', base, '--token', TOKEN, '--cluster-name', 'c', '--interval', '6 hours']);
    assert.equal(interval.code, 2);
    assert.match(interval.stderr, /--interval must be a duration like 30m, 6h or 1h30m \(got "6 hours"\)/);
    assert.equal(requests.length, 0);
  });

  test('audit scan --upload: the alerts document goes to POST /api/v1/audit-alerts?cluster=', async () => {
    const r = await runCli(['audit', 'scan', 'test/fixtures/audit/attacks.log', '-o', 'sarif', '--upload', base, '--token', TOKEN, '--cluster-name', 'prod']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.url.pathname, '/api/v1/audit-alerts');
    assert.equal(requests[0]!.url.searchParams.get('cluster'), 'prod');
    const doc = JSON.parse(requests[0]!.body) as { alerts: unknown[] };
    assert.ok(Array.isArray(doc.alerts) && doc.alerts.length > 0);
    assert.match(r.stdout, /"version": "2\.1\.0"/); // the local SARIF still went to stdout
    assert.match(r.stderr, new RegExp(`uploaded ${doc.alerts.length} audit alerts for cluster prod \\(201\\)`));
    clean(r);
  });
});

describe('upload to the real kubeward server (buildServer over SQLite)', () => {
  let app: Awaited<ReturnType<typeof import('../../src/server/app.js').buildServer>>;
  let store: Awaited<ReturnType<typeof import('../../src/server/store/kysely-store.js').openStore>>;
  let base: string;
  before(async () => {
    const { buildServer } = await import('../../src/server/app.js');
    const { openStore } = await import('../../src/server/store/kysely-store.js');
    store = await openStore({ dialect: 'sqlite', location: ':memory:' });
    app = await buildServer({ store, maxUploadBytes: 256 * 1024 });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app?.close();
    await store?.close();
  });

  test('scan --upload stores the findings; the same id again is 200; another cluster\'s token is 403; a bad token 401; too big 413', async () => {
    const { token } = await store.createToken('write:scans', 'prod-eu');
    const { token: other } = await store.createToken('write:scans', 'staging');
    const local = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--upload', base, '--cluster-name', 'prod-eu'], { env: { KUBEWARD_TOKEN: token } });
    assert.equal(local.code, 0, local.stderr);
    const report = JSON.parse(local.stdout) as { findings: { checkId: string }[] };
    const m = /uploaded scan ([0-9a-f-]{36}) for cluster prod-eu to http:\/\/127\.0\.0\.1:\d+, (\d+) findings/.exec(local.stderr);
    assert.ok(m, local.stderr);
    assert.equal(Number(m[2]), report.findings.length);
    const page = await store.queryFindings({ scan: m[1]!, status: 'all', sort: 'check', order: 'asc', limit: 1000, offset: 0 });
    assert.equal(page.total, report.findings.length);
    assert.deepEqual(page.items.map((f) => f.checkId).sort(), report.findings.map((f) => f.checkId).sort());
    // The per-check fields sent once per check (findingDefaults) are on every stored finding again.
    const full = JSON.parse(local.stdout) as { findings: Array<{ checkId: string; title: string; category: string; remediation: string }> };
    const shape = (f: { checkId: string; title: string; category: string }, fix: string) => `${f.checkId}|${f.title}|${f.category}|${fix}`;
    assert.deepEqual(page.items.map((f) => shape(f, f.fix)).sort(), full.findings.map((f) => shape(f, f.remediation)).sort());
    assert.ok(page.items.every((f) => f.frameworks.length > 0 && f.title && f.fix));

    const { upload } = await import('../../src/cli/upload.js');
    const { findings, ...head } = JSON.parse(local.stdout) as { findings: unknown[] };
    const body = () => [JSON.stringify(head) + '\n', ...findings.map((f) => JSON.stringify(f) + '\n')];
    const again = await upload('scans', body, { server: base, token, cluster: 'prod-eu' }, { id: m[1]! });
    assert.equal(again.status, 200);
    assert.equal((await store.listScans('prod-eu', 10, 0)).total, 1, 'stored once');

    const wrong = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--upload', base, '--cluster-name', 'prod-eu', '--token', other]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /upload failed: the token may not upload for cluster "prod-eu" \(403 Forbidden/);
    assert.ok(!wrong.stderr.includes(other));
    const bad = await runCli(['scan', 'examples/insecure-app.yaml', '-o', 'json', '--upload', base, '--cluster-name', 'prod-eu', '--token', 'kw_' + 'A'.repeat(43)]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /upload failed: the server refused the token \(401 Unauthorized/);
    const big = await upload('scans', () => ['{"findings": [', ...Array.from({ length: 3000 }, (_, i) => `${i ? ',' : ''}"${'x'.repeat(100)}"`), ']}'], { server: base, token, cluster: 'prod-eu' }, { attempts: 1 }).catch((e: Error) => e);
    assert.match(String(big), /the report is larger than the server accepts \(413 Payload Too Large/);
  });
});
