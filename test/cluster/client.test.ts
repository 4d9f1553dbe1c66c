// The API client's retries and timeout, against a loopback HTTP server that answers 429/503 before 200
// (a real server cannot be made to throttle on demand) and one that never answers.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { ApiClient, ApiRequestError, type ClusterConnection } from '../../src/sources/cluster/index.js';

describe('ApiClient', () => {
  let server: Server;
  let url = '';
  const hits = new Map<string, number>();
  before(async () => {
    server = createServer((req, res) => {
      const n = (hits.get(req.url!) ?? 0) + 1;
      hits.set(req.url!, n);
      if (req.url!.startsWith('/hang')) return; // never answers
      if (req.url!.startsWith('/flaky') && n <= 2) {
        res.writeHead(n === 1 ? 429 : 503, { 'retry-after': '0', 'content-type': 'application/json' });
        return res.end('{"message":"slow down"}');
      }
      if (req.url!.startsWith('/down')) return res.writeHead(500).end('boom');
      res.writeHead(req.url!.startsWith('/forbidden') ? 403 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ auth: req.headers.authorization ?? null }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  after(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  const conn = (): ClusterConnection => ({ context: 't', server: url, token: 'tok', origin: 'test' });

  test('429 and 503 are retried with backoff, then the answer is returned; the bearer token is sent', async () => {
    const c = new ApiClient(conn(), { backoffMs: 5 });
    const r = await c.get('/flaky', { limit: '1' });
    c.close();
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { auth: 'Bearer tok' });
    assert.equal(hits.get('/flaky?limit=1'), 3);
    assert.deepEqual(c.retried, ['GET /flaky: HTTP 429', 'GET /flaky: HTTP 503']);
  });

  test('a 403 is returned at once (not retried); a lasting 5xx is returned after the retries', async () => {
    const c = new ApiClient(conn(), { backoffMs: 1, retries: 2 });
    assert.equal((await c.get('/forbidden')).status, 403);
    assert.equal(hits.get('/forbidden'), 1);
    const down = await c.get('/down');
    assert.equal(down.status, 500);
    assert.equal(down.text, 'boom');
    assert.equal(hits.get('/down'), 3);
    c.close();
  });

  test('a request that does not answer times out, is retried, then fails naming the path', async () => {
    const c = new ApiClient(conn(), { timeoutMs: 100, retries: 1, backoffMs: 1 });
    await assert.rejects(c.get('/hang'), (e: unknown) => e instanceof ApiRequestError && /GET \/hang: timed out after 100 ms \(after 2 attempts\)/.test(e.message));
    assert.equal(hits.get('/hang'), 2);
    c.close();
  });
});

describe('scan --cluster without a reachable server', () => {
  test('an unreachable API server is an error (exit 2) naming the server and context, not an empty clean scan', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('../helpers/cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'kubeward-unreachable-'));
    try {
      const kc = join(dir, 'kubeconfig');
      // Port 1 on loopback: nothing listens there.
      writeFileSync(kc, 'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: gone, context: {cluster: c, user: u}}]\ncurrent-context: gone\n');
      const r = await runCli(['scan', '--cluster', '--kubeconfig', kc, '-o', 'json']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cluster: cannot reach the API server https:\/\/127\.0\.0\.1:1 \(context gone\)/);
      assert.equal(r.stdout, '');
      const both = await runCli(['scan', '--cluster', '-n', 'a', '-A', '--kubeconfig', kc]);
      assert.equal(both.code, 2);
      assert.match(both.stderr, /-n\/--namespace and -A\/--all-namespaces exclude each other/);
      const nothing = await runCli(['snapshot']);
      assert.equal(nothing.code, 2);
      assert.match(nothing.stderr, /snapshot needs --cluster/);
      const none = await runCli(['scan', '--cluster', '--context', 'nope', '--kubeconfig', kc]);
      assert.equal(none.code, 2);
      assert.match(none.stderr, /context "nope" not found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
