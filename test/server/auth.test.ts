// Who may call what: every route × {no token, wrong token, read, write:scans of another cluster, write:scans of
// its own cluster, admin}, from one table that must list every route the server has. Then the login session
// (cookie attributes, CSRF header, logout), the login rate limit, security headers and the static dashboard.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/app.js';
import { parseDbUrl } from '../../src/server/store/connect.js';
import { openStore, type KyselyStore } from '../../src/server/store/kysely-store.js';
import { call } from '../helpers/openapi.js';

const SCAN = '2d7c5e4a-3f6b-4c8d-8e9f-1a2b3c4d5e6f';
const REPORT = {
  schemaVersion: '1.2', tool: { name: 'kubeward', version: '0' }, scannedAt: '2026-01-01T00:00:00Z',
  summary: { files: 1, objects: 1, findings: { critical: 0, high: 1, medium: 0, low: 0, info: 0 }, suppressed: 0, skipped: 0, hidden: 0, byCheck: [] },
  findings: [{
    checkId: 'privileged-container', severity: 'high', title: 'Container runs privileged', message: 'container "app" runs privileged', category: 'workload',
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'web', name: 'api' }, location: { file: 'pod.yaml', line: 3, column: 1 }, path: '/spec', remediation: 'do not', frameworks: {}, fingerprint: 'f',
  }],
  suppressed: [], warnings: [],
};

type Role = 'none' | 'wrong' | 'read' | 'agentOther' | 'agentOwn' | 'admin';
const ROLES: Role[] = ['none', 'wrong', 'read', 'agentOther', 'agentOwn', 'admin'];
type Who = 'anyone' | 'any token' | 'read' | 'own agent' | 'admin';

/** The expected access of every route: written out here, not read from the server, so a wrong declaration fails. */
const ROUTES: Record<string, { who: Who; url: string; body?: unknown }> = {
  'GET /healthz': { who: 'anyone', url: '/healthz' },
  'GET /metrics': { who: 'read', url: '/metrics' },
  'POST /api/v1/login': { who: 'anyone', url: '/api/v1/login' },
  'POST /api/v1/logout': { who: 'any token', url: '/api/v1/logout' },
  'GET /api/v1/me': { who: 'any token', url: '/api/v1/me' },
  'POST /api/v1/scans': { who: 'own agent', url: `/api/v1/scans?cluster=prod&id=${SCAN}`, body: REPORT },
  'GET /api/v1/scans': { who: 'read', url: '/api/v1/scans' },
  'GET /api/v1/scans/:id': { who: 'read', url: `/api/v1/scans/${SCAN}` },
  'GET /api/v1/clusters': { who: 'read', url: '/api/v1/clusters' },
  'GET /api/v1/trends': { who: 'read', url: '/api/v1/trends' },
  'GET /api/v1/findings': { who: 'read', url: '/api/v1/findings?severity=high' },
  'GET /api/v1/frameworks': { who: 'read', url: '/api/v1/frameworks?cluster=prod' },
  'GET /api/v1/objects': { who: 'read', url: '/api/v1/objects?cluster=prod&namespace=web&kind=Pod&name=api' },
  'GET /api/v1/rbac': { who: 'read', url: '/api/v1/rbac?cluster=prod' },
  'GET /api/v1/netpol': { who: 'read', url: '/api/v1/netpol?cluster=prod' },
  'GET /api/v1/exceptions': { who: 'read', url: '/api/v1/exceptions' },
  'POST /api/v1/exceptions': { who: 'admin', url: '/api/v1/exceptions', body: { checkId: 'privileged-container', owner: 'o', reason: 'r' } },
  'DELETE /api/v1/exceptions/:id': { who: 'admin', url: '/api/v1/exceptions/{fresh}' },
  'GET /api/v1/exceptions/policy': { who: 'read', url: '/api/v1/exceptions/policy' },
  'POST /api/v1/audit-alerts': { who: 'own agent', url: '/api/v1/audit-alerts?cluster=prod', body: { alerts: [] } },
  'GET /api/v1/audit-alerts': { who: 'read', url: '/api/v1/audit-alerts' },
};

function expected(who: Who, role: Role): 'ok' | 401 | 403 {
  if (who === 'anyone') return 'ok';
  if (role === 'none' || role === 'wrong') return 401;
  if (role === 'admin' || who === 'any token') return 'ok';
  if (who === 'read') return role === 'read' ? 'ok' : 403;
  if (who === 'own agent') return role === 'agentOwn' ? 'ok' : 403;
  return 403;
}

let store: KyselyStore;
let app: FastifyInstance;
let ui: FastifyInstance;
const tokens = {} as Record<Role, string | undefined>;
const dir = mkdtempSync(join(tmpdir(), 'kubeward-auth-'));

before(async () => {
  store = await openStore(parseDbUrl(`sqlite:${join(dir, 'k.db')}`));
  mkdirSync(join(dir, 'ui', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'ui', 'index.html'), '<!doctype html><title>kubeward dashboard</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(dir, 'ui', 'assets', 'app.js'), 'console.log("dashboard")');
  app = await buildServer({ store, uiDir: join(dir, 'no-ui') });
  ui = await buildServer({ store, uiDir: join(dir, 'ui') });
  tokens.none = undefined;
  tokens.wrong = 'kw_' + 'A'.repeat(43);
  tokens.read = (await store.createToken('read', null)).token;
  tokens.agentOther = (await store.createToken('write:scans', 'staging')).token;
  tokens.agentOwn = (await store.createToken('write:scans', 'prod')).token;
  tokens.admin = (await store.createToken('admin', null)).token;
  await call(app, 'POST', ROUTES['POST /api/v1/scans']!.url, { token: tokens.admin, body: REPORT });
});
after(async () => {
  await app.close();
  await ui.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the table lists exactly the routes the server has', () => {
  assert.deepEqual(app.kubewardRoutes.map((r) => `${r.method} ${r.url}`).sort(), Object.keys(ROUTES).sort());
});

test('every route × every role: 401 without or with a wrong token, 403 with the wrong scope, 2xx with the right one', async () => {
  const failures: string[] = [];
  for (const [route, spec] of Object.entries(ROUTES)) {
    if (route === 'POST /api/v1/login') continue; // its own test below: the body is the credential
    const method = route.split(' ')[0]!;
    for (const role of ROLES) {
      let url = spec.url;
      if (url.includes('{fresh}')) url = url.replace('{fresh}', (await store.createException({ checkId: 'x', cluster: null, namespace: null, kind: null, name: null, owner: 'o', reason: 'r', expires: null })).id);
      const r = await call(app, method, url, { ...(tokens[role] ? { token: tokens[role] } : {}), ...(spec.body !== undefined ? { body: spec.body } : {}) });
      const want = expected(spec.who, role);
      const ok = want === 'ok' ? r.status >= 200 && r.status < 300 : r.status === want;
      if (!ok) failures.push(`${route} as ${role}: ${r.status}, expected ${want} (${r.body.slice(0, 120)})`);
      if (r.status === 401 || r.status === 403) assert.equal(typeof r.json?.error, 'string');
    }
  }
  assert.deepEqual(failures, []);
});

test('login: an HttpOnly SameSite=Strict cookie; cookie calls that change state need X-Kubeward-CSRF; logout ends the session', async () => {
  assert.equal((await call(app, 'POST', '/api/v1/login', { body: { token: tokens.wrong } })).status, 401);
  assert.equal((await call(app, 'POST', '/api/v1/login', { body: {} })).status, 401);
  const login = await call(app, 'POST', '/api/v1/login', { body: { token: tokens.admin } });
  assert.equal(login.status, 204);
  const setCookie = String(login.headers['set-cookie']);
  assert.match(setCookie, /^kw_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
  assert.ok(!setCookie.includes(tokens.admin!), 'the cookie is a session id, not the token');
  const cookie = setCookie.split(';')[0]!;
  const me = await call(app, 'GET', '/api/v1/me', { headers: { cookie } });
  assert.deepEqual(me.json.scopes, ['read', 'write:scans', 'admin']);
  const body = { checkId: 'privileged-container', owner: 'o', reason: 'r' };
  const noCsrf = await call(app, 'POST', '/api/v1/exceptions', { headers: { cookie }, body });
  assert.equal(noCsrf.status, 403);
  assert.match(noCsrf.json.error, /X-Kubeward-CSRF/);
  assert.equal((await call(app, 'POST', '/api/v1/exceptions', { headers: { cookie, 'x-kubeward-csrf': '1' }, body })).status, 201);
  assert.equal((await call(app, 'POST', '/api/v1/logout', { headers: { cookie } })).status, 403, 'logout by cookie needs the header too');
  const logout = await call(app, 'POST', '/api/v1/logout', { headers: { cookie, 'x-kubeward-csrf': '1' } });
  assert.equal(logout.status, 204);
  assert.match(String(logout.headers['set-cookie']), /^kw_session=; .*Max-Age=0/);
  assert.equal((await call(app, 'GET', '/api/v1/me', { headers: { cookie } })).status, 401, 'the session is gone');
  const reader = (await call(app, 'POST', '/api/v1/login', { body: { token: tokens.read } })).headers['set-cookie'];
  const readCookie = String(reader).split(';')[0]!;
  assert.equal((await call(app, 'POST', '/api/v1/exceptions', { headers: { cookie: readCookie, 'x-kubeward-csrf': '1' }, body })).status, 403);
});

test('security headers on API answers and static files; tokens are stored as SHA-256 only', async () => {
  for (const [server, url] of [[app, '/healthz'], [app, '/api/v1/clusters'], [ui, '/']] as const) {
    const r = await server.inject({ method: 'GET', url });
    assert.match(String(r.headers['content-security-policy']), /default-src 'self'; script-src 'self'.*frame-ancestors 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
  }
  const rows = await store.kysely.selectFrom('tokens').select('hash').execute();
  assert.equal(rows.length, 4);
  for (const r of rows) assert.match(r.hash, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(rows).includes(tokens.admin!.slice(3)));
});

test('the dashboard: static files and the SPA fallback without credentials; API paths stay JSON; a clear page when not built', async () => {
  const index = await ui.inject({ method: 'GET', url: '/' });
  assert.equal(index.statusCode, 200);
  assert.match(index.body, /kubeward dashboard/);
  const js = await ui.inject({ method: 'GET', url: '/assets/app.js' });
  assert.equal(js.statusCode, 200);
  assert.match(String(js.headers['content-type']), /javascript/);
  const page = await ui.inject({ method: 'GET', url: '/findings?severity=high' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /kubeward dashboard/);
  const api = await ui.inject({ method: 'GET', url: '/api/v1/no-such-route' });
  assert.equal(api.statusCode, 404);
  assert.equal(JSON.parse(api.body).error, 'no route GET /api/v1/no-such-route');
  const notBuilt = await app.inject({ method: 'GET', url: '/' });
  assert.equal(notBuilt.statusCode, 200);
  assert.match(notBuilt.body, /npm run build:ui/);
});

test('login rate limit: after 10 failures within a minute, 429 even for a good token', async () => {
  const ip = { remoteAddress: '203.0.113.7' };
  for (let i = 0; i < 10; i++) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/login', payload: { token: `kw_bad${i}` }, ...ip });
    assert.equal(r.statusCode, 401, `failure ${i + 1}`);
  }
  const limited = await app.inject({ method: 'POST', url: '/api/v1/login', payload: { token: tokens.read }, ...ip });
  assert.equal(limited.statusCode, 429);
  assert.equal(limited.headers['retry-after'], '60');
  const other = await app.inject({ method: 'POST', url: '/api/v1/login', payload: { token: tokens.read }, remoteAddress: '203.0.113.8' });
  assert.equal(other.statusCode, 204, 'another address is not limited');
});
