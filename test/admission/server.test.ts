// The webhook's HTTPS server (src/admission/server.ts) over real TLS on loopback: answers, limits, the deadline,
// metrics, certificate reload, and a judge that throws (denied with the reason, the server keeps serving).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect, type PeerCertificate } from 'node:tls';
import { selfSignedCertificate, type CertificatePair } from '../../src/admission/certificate.js';
import { startAdmissionServer, type AdmissionServer } from '../../src/admission/server.js';
import { createAdmissionReviewer, type AdmissionReviewer } from '../../src/engine/admission-review.js';

interface Answer { status: number; json: Record<string, unknown>; text: string }

const review = (uid: string, securityContext: Record<string, unknown> = { privileged: true }) => JSON.stringify({
  apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
  request: { uid, operation: 'CREATE', namespace: 'prod', userInfo: { username: 'alice' }, object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'prod' }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', securityContext }] } } },
});

describe('admission server over HTTPS', () => {
  let dir = '';
  let first: CertificatePair;
  let server: AdmissionServer;
  const audit: string[] = [];
  const logs: string[] = [];
  let ca = '';
  const call = (method: string, path: string, body?: string | Buffer, extra: RequestOptions = {}): Promise<Answer> => new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, ca, agent: false, headers: { 'content-type': 'application/json' }, ...extra }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => {
        let json = {};
        try { json = JSON.parse(text); } catch { /* metrics are text */ }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });

  const reviewer = createAdmissionReviewer();
  let boom = false;
  const judge: AdmissionReviewer = { ...reviewer, review: (b, w, n) => (boom ? (() => { throw new Error('bug in a check'); })() : reviewer.review(b, w, n)) };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kw-adm-srv-'));
    first = await selfSignedCertificate({ ips: ['127.0.0.1'] });
    writeFileSync(join(dir, 'tls.crt'), first.cert);
    writeFileSync(join(dir, 'tls.key'), first.key);
    ca = first.cert;
    server = await startAdmissionServer({
      host: '127.0.0.1', port: 0, certFile: join(dir, 'tls.crt'), keyFile: join(dir, 'tls.key'), reviewer: judge, deadlineMs: 400, certPollMs: 60_000,
      onAudit: (l) => audit.push(l), log: (m) => logs.push(m),
    });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a review with the verdict and records it in the audit log', async () => {
    const r = await call('POST', '/validate', review('u-1'));
    assert.equal(r.status, 200);
    const resp = r.json.response as { uid: string; allowed: boolean; status: { message: string } };
    assert.deepEqual([resp.uid, resp.allowed], ['u-1', false]);
    assert.match(resp.status.message, /\[privileged-container\]/);
    assert.equal(JSON.parse(audit.at(-1)!).uid, 'u-1');
  });

  it('refuses what is not a review: 400 with the reason, 404, 405; never a crash', async () => {
    const bad = await call('POST', '/validate', '{"apiVersion": "admission.k8s.io/v1", ');
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /^kubeward: the body is not JSON/);
    const old = await call('POST', '/validate', JSON.stringify({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: { uid: 'x' } }));
    assert.equal(old.status, 400);
    assert.match(String(old.json.error), /admission\.k8s\.io\/v1 only/);
    assert.equal((await call('POST', '/nope', '{}')).status, 404);
    assert.equal((await call('GET', '/validate')).status, 405);
    assert.equal((await call('GET', '/healthz')).status, 200);
    assert.equal((await call('GET', '/readyz')).status, 200);
  });

  it('answers 413 to a body over 3 MiB, declared or streamed', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 1, 0x20);
    const declared = await call('POST', '/validate', big);
    assert.equal(declared.status, 413);
    assert.match(String(declared.json.error), /over 3145728 bytes refused/);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/validate`, { method: 'POST', ca, agent: false, headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    assert.equal(streamed, 413);
  });

  it('answers a request whose body does not come by the deadline (408), saying so', async () => {
    const r = await new Promise<Answer>((resolve, reject) => {
      const req = request(`${server.url}/validate`, { method: 'POST', ca, agent: false, headers: { 'content-length': '1000' } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text), text }));
      });
      req.on('error', reject);
      req.write('{"apiVersion":');
    });
    assert.equal(r.status, 408);
    assert.match(String(r.json.error), /within the 400 ms deadline; nothing was judged/);
  });

  it('denies with the reason when judging throws, and keeps serving', async () => {
    boom = true;
    const r = await call('POST', '/validate', review('u-boom'));
    boom = false;
    const resp = r.json.response as { uid: string; allowed: boolean; status: { message: string } };
    assert.deepEqual([r.status, resp.uid, resp.allowed], [200, 'u-boom', false]);
    assert.match(resp.status.message, /could not judge this object \(bug in a check\); denied because the webhook fails closed/);
    assert.equal((await call('POST', '/validate', review('u-2', { privileged: false }))).status, 200);
  });

  it('exposes Prometheus metrics: requests, verdicts, findings by mode, latency', async () => {
    const m = (await call('GET', '/metrics')).text;
    assert.match(m, /^kubeward_admission_requests_total\{path="\/validate",code="413"\} 2$/m);
    assert.match(m, /^kubeward_admission_verdicts_total\{webhook="validate",result="denied"\} [1-9]/m);
    assert.match(m, /^kubeward_admission_findings_total\{mode="enforce"\} [1-9]/m);
    assert.match(m, /^kubeward_admission_deadline_exceeded_total 1$/m);
    assert.match(m, /^# TYPE kubeward_admission_review_duration_seconds histogram$/m);
    assert.match(m, /^kubeward_admission_review_duration_seconds_bucket\{webhook="validate",le="\+Inf"\} \d+$/m);
  });

  it('reloads the certificate when the files change; keeps the old one when the new pair is unusable', async () => {
    const fingerprint = () => new Promise<string>((resolve, reject) => {
      const s = connect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false }, () => {
        const c: PeerCertificate = s.getPeerCertificate();
        s.end();
        resolve(c.fingerprint256);
      });
      s.on('error', reject);
    });
    const before = await fingerprint();
    const next = await selfSignedCertificate({ ips: ['127.0.0.1'] });
    writeFileSync(join(dir, 'tls.crt'), next.cert);
    assert.equal(server.reloadCertificates(), false, 'a certificate without its key is not taken');
    assert.equal(await fingerprint(), before);
    writeFileSync(join(dir, 'tls.key'), next.key);
    assert.equal(server.reloadCertificates(), true);
    assert.notEqual(await fingerprint(), before);
    ca = next.cert;
    assert.equal((await call('GET', '/healthz')).status, 200);
    assert.match((await call('GET', '/metrics')).text, /kubeward_admission_certificate_reloads_total\{result="ok"\} 1/);
    assert.ok(logs.some((l) => /not reloaded \(the old one is kept\)/.test(l)));
  });
});
