import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseDbUrl } from '../../src/server/store/connect.js';
import { openStore } from '../../src/server/store/kysely-store.js';
import { runCli, type CliResult } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeward-serve-'));
const db = `sqlite:${join(dir, 'kubeward.db')}`;
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run `kubeward serve` in-process on a free port; `use(baseUrl)` runs while it serves, then the server is stopped. */
async function serving(args: string[], use: (url: string) => Promise<void>): Promise<CliResult> {
  const stop = new AbortController();
  let seen = '';
  let listening!: (url: string) => void;
  const ready = new Promise<string>((resolve) => (listening = resolve));
  const run = runCli(['serve', '--listen', '127.0.0.1:0', ...args], {
    signal: stop.signal,
    onStderr: (chunk) => {
      seen += chunk;
      const m = /listening on (http:\/\/\S+)/.exec(seen);
      if (m) listening(m[1]!);
    },
  });
  const url = await Promise.race([ready, run.then((r) => Promise.reject(new Error(`serve exited early: ${r.stderr}`)))]);
  try {
    await use(url);
  } finally {
    stop.abort();
  }
  return run;
}

const TOKEN_LINE = /^admin token \(shown once\): (kw_[A-Za-z0-9_-]{43})$/m;
let adminToken = '';

test('kubeward serve: on an empty database prints one admin token once; the API answers on the address it prints', async () => {
  const first = await serving(['--db', db], async (url) => {
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { ok: true });
    assert.equal((await fetch(`${url}/api/v1/clusters`)).status, 401);
  });
  assert.equal(first.code, 0, first.stderr);
  const m = TOKEN_LINE.exec(first.stderr);
  assert.ok(m, first.stderr);
  adminToken = m[1]!;
  assert.match(first.stderr, /^kubeward: server listening on http:\/\/127\.0\.0\.1:\d+ \(SQLite .*kubeward\.db\)$/m);
  assert.match(first.stderr, /^kubeward: server stopped$/m);
  assert.equal(first.stdout, '');

  const second = await serving(['--db', db], async (url) => {
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${adminToken}` } });
    assert.equal(me.status, 200);
    assert.deepEqual(((await me.json()) as { scopes: string[] }).scopes, ['read', 'write:scans', 'admin']);
  });
  assert.equal(second.code, 0, second.stderr);
  assert.doesNotMatch(second.stderr, /admin token/, 'a database with tokens gets no new one');
});

test('kubeward serve token create: prints a token of the scope once; bad flags are usage errors', async () => {
  const r = await runCli(['serve', 'token', 'create', '--scope', 'write:scans', '--cluster', 'prod-eu', '--db', db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^kw_[A-Za-z0-9_-]{43}\n$/);
  const store = await openStore(parseDbUrl(db));
  try {
    const info = await store.findToken(r.stdout.trim());
    assert.deepEqual({ scope: info?.scope, cluster: info?.cluster }, { scope: 'write:scans', cluster: 'prod-eu' });
  } finally {
    await store.close();
  }
  const noCluster = await runCli(['serve', 'token', 'create', '--scope', 'write:scans', '--db', db]);
  assert.equal(noCluster.code, 2);
  assert.match(noCluster.stderr, /bound to one cluster: give --cluster NAME/);
  const badScope = await runCli(['serve', 'token', 'create', '--scope', 'root', '--db', db]);
  assert.equal(badScope.code, 2);
  const badDb = await runCli(['serve', 'token', 'create', '--scope', 'read', '--db', 'mysql://u:secret@h/db']);
  assert.equal(badDb.code, 2);
  assert.match(badDb.stderr, /--db must be sqlite:PATH or postgres:\/\/… \(got "mysql:\/\/\*\*\*@h\/db"\)/);
});
