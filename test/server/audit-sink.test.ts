// The audit sink in-process: bearer-token authentication, the store's recovery from a torn last line (a crash in
// the middle of a write), and alerts written after the events.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAuditEngine } from '../../src/engine/audit.js';
import { startAuditSink, type AuditSink } from '../../src/server/audit-sink.js';

const opensslMissing = spawnSync('openssl', ['version']).status !== 0 ? 'openssl is not installed' : false;

describe('audit sink (token authentication, torn store recovery)', { skip: opensslMissing }, () => {
  let dir = '';
  let sink: AuditSink;
  const token = 'sink-token-0123456789';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kw-sink-'));
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem',
      '-subj', '/CN=127.0.0.1', '-days', '1', '-addext', 'subjectAltName=IP:127.0.0.1'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // A store left by a crash: its file ends in the middle of a line.
    const store = join(dir, 'store');
    mkdirSync(store);
    writeFileSync(join(store, 'events-000001.jsonl'), '{"kind":"Event","auditID":"a1"}\n{"kind":"Event","audi');
    sink = await startAuditSink({
      host: '127.0.0.1', port: 0, cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')), token,
      storeDir: store, rotateBytes: 1 << 20, engine: createAuditEngine(),
    });
  });
  after(async () => {
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (body: string, auth?: string) => new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpsRequest(`${sink.url}/`, { method: 'POST', ca: readFileSync(join(dir, 'cert.pem')), headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });

  it('takes a batch with the bearer token only, stores it in a new file after the torn one, then writes its alerts', async () => {
    const event = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', auditID: 'b2', stage: 'ResponseComplete', verb: 'list', user: { username: 'mallory' },
      objectRef: { resource: 'secrets', apiVersion: 'v1' }, responseStatus: { code: 200 }, requestReceivedTimestamp: '2026-01-05T10:00:00Z' };
    const batch = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [event] });
    assert.equal((await post(batch)).status, 401);
    assert.equal((await post(batch, 'Bearer wrong-token-000000000')).status, 401);
    const ok = await post(batch, `Bearer ${token}`);
    assert.equal(ok.status, 200, ok.text);
    const store = join(dir, 'store');
    assert.deepEqual(readdirSync(store).filter((f) => f.startsWith('events-')).sort(), ['events-000001.jsonl', 'events-000002.jsonl']);
    assert.equal(readFileSync(join(store, 'events-000002.jsonl'), 'utf8'), `${JSON.stringify(event)}\n`);
    assert.ok(readFileSync(join(store, 'events-000001.jsonl'), 'utf8').endsWith('"audi'), 'the torn file is never rewritten');
    await sink.close(); // waits for the batch's alerts
    const alerts = readFileSync(join(store, 'alerts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { rule: string; auditID: string });
    assert.deepEqual(alerts.map((a) => `${a.rule} ${a.auditID}`), ['secret-read-unusual-subject b2', 'secret-bulk-read b2']);
    sink = { ...sink, close: async () => undefined };
  });
});
