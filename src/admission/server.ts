import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { createSecureContext } from 'node:tls';
import type { AdmissionReviewer, AdmissionVerdict, Webhook } from '../engine/admission-review.js';
import { AdmissionMetrics } from './metrics.js';

/** The API server never sends more than this in one AdmissionReview (its own limit on objects is about 1.5 MiB, twice: object and oldObject). */
export const MAX_REVIEW_BYTES = 3 * 1024 * 1024;
/** Below the generated configuration's timeoutSeconds (5): the API server hears from us before it gives up. */
export const DEFAULT_DEADLINE_MS = 4000;

export interface AdmissionServerOptions {
  host: string;
  port: number;
  /** PEM files, re-read when they change (a renewed Secret or cert-manager Certificate). */
  certFile: string;
  keyFile: string;
  reviewer: AdmissionReviewer;
  /** A request not answered by then gets an answer that says so (default 4 s). */
  deadlineMs?: number;
  maxBodyBytes?: number;
  /** How often the certificate files are looked at (default 5 s). */
  certPollMs?: number;
  /** One JSON line per review with findings (not for dry runs): the audit log. */
  onAudit?(line: string): void;
  log?(message: string): void;
}

export interface AdmissionServer {
  url: string;
  port: number;
  metrics: AdmissionMetrics;
  /** Re-read the certificate and key now; false (old pair kept) when they cannot be used. */
  reloadCertificates(): boolean;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json', close = false): void {
  if (res.headersSent || res.writableEnded) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...(close ? { connection: 'close' } : {}) });
  res.end(text);
}

/**
 * After answering a request whose body is not read (too large, too slow): discard what still comes for a moment, so
 * the client reads the answer instead of a reset, then drop the connection.
 */
function closeSoon(req: IncomingMessage): void {
  req.resume();
  setTimeout(() => req.socket.destroy(), 1000).unref();
}

/** The body, 'too-large' as soon as it passes `limit` (the rest is not read), or 'gone' when the connection closed first. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'gone'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return resolve('too-large');
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve('too-large');
      } else parts.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(parts, size)));
    req.on('close', () => resolve('gone'));
    req.on('error', reject);
  });
}

/** The audit log's line for a validated review with findings; undefined when there is nothing to record. */
function auditLine(v: AdmissionVerdict, now: Date): string | undefined {
  if (v.webhook !== 'validate' || v.dryRun || (!v.audited.length && !v.warned.length && !v.denied.length)) return undefined;
  const strip = (list: AdmissionVerdict['audited']) => list.map((f) => ({ checkId: f.checkId, severity: f.severity, field: f.field, message: f.message }));
  return JSON.stringify({
    time: now.toISOString(), uid: v.uid, operation: v.operation, user: v.user, object: v.object, allowed: v.allowed, result: v.result,
    audit: strip(v.audited), warn: strip(v.warned), enforce: strip(v.denied), suppressed: v.suppressed,
  });
}

/**
 * `kubeward admission serve`: AdmissionReview v1 over HTTPS only. POST /validate (enforce, warn, audit) and POST
 * /mutate (opted-in fixes as a JSONPatch); GET /healthz, /readyz, /metrics. A body that is not an AdmissionReview
 * v1 is answered 400, one over 3 MiB 413, a request not complete by the deadline 408, a review the engine failed
 * on is denied with the reason (fail closed) — the process never exits on a request.
 */
export async function startAdmissionServer(o: AdmissionServerOptions): Promise<AdmissionServer> {
  const log = o.log ?? (() => undefined);
  const deadlineMs = o.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const limit = o.maxBodyBytes ?? MAX_REVIEW_BYTES;
  const metrics = new AdmissionMetrics();
  let closing = false;

  const readPair = () => {
    const pair = { cert: readFileSync(o.certFile), key: readFileSync(o.keyFile) };
    createSecureContext(pair); // throws on a key that does not match, or PEM that is not one
    return pair;
  };
  const first = readPair();
  let loaded = `${first.cert.toString('base64')}\u0000${first.key.toString('base64')}`;

  const answer = (res: ServerResponse, path: string, status: number, body: unknown, type?: string) => {
    metrics.requests.inc({ path, code: String(status) });
    send(res, status, body, type, status === 408 || status === 413);
  };

  const review = async (req: IncomingMessage, res: ServerResponse, webhook: Webhook, path: string, started: bigint): Promise<void> => {
    let answered = false;
    const timer = setTimeout(() => {
      if (answered) return;
      answered = true;
      metrics.deadlines.inc();
      metrics.verdicts.inc({ webhook, result: 'error' });
      log(`${path}: no complete AdmissionReview within ${deadlineMs} ms: answered 408`);
      answer(res, path, 408, { error: `kubeward: no complete AdmissionReview within the ${deadlineMs} ms deadline; nothing was judged` });
      closeSoon(req);
    }, deadlineMs);
    timer.unref();
    const finish = (status: number, body: unknown, result: string) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      metrics.verdicts.inc({ webhook, result });
      metrics.latency.observe({ webhook }, Number(process.hrtime.bigint() - started) / 1e9);
      answer(res, path, status, body);
    };
    const body = await readBody(req, limit);
    if (body === 'gone') {
      clearTimeout(timer);
      return;
    }
    if (body === 'too-large') {
      log(`${path}: refused a body over ${limit} bytes (413)`);
      finish(413, { error: `kubeward: AdmissionReview over ${limit} bytes refused` }, 'error');
      closeSoon(req);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch (err) {
      finish(400, { error: `kubeward: the body is not JSON: ${(err as Error).message.slice(0, 200)}` }, 'error');
      return;
    }
    const now = new Date();
    let out;
    try {
      out = o.reviewer.review(parsed, webhook, now);
    } catch (err) {
      // A bug judging this object: deny it, say why, keep serving.
      const uid = String((parsed as { request?: { uid?: unknown } }).request?.uid ?? '');
      log(`${path}: review ${uid} failed: ${(err as Error).stack ?? err}`);
      finish(200, o.reviewer.failure(uid, `kubeward could not judge this object (${(err as Error).message}); denied because the webhook fails closed`), 'error');
      return;
    }
    if (out.status === 400) {
      finish(400, { error: `kubeward: ${out.error}` }, 'error');
      return;
    }
    const v = out.verdict;
    for (const [mode, list] of [['enforce', v.denied], ['warn', v.warned], ['audit', v.audited]] as const) if (list.length) metrics.findings.inc({ mode }, list.length);
    const line = auditLine(v, now);
    if (line && o.onAudit) {
      metrics.auditRecords.inc();
      o.onAudit(line);
    }
    finish(200, out.body, v.result);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET') {
      if (path === '/healthz') return answer(res, path, 200, { status: 'ok' });
      if (path === '/readyz') return closing ? answer(res, path, 503, { status: 'shutting down' }) : answer(res, path, 200, { status: 'ready' });
      if (path === '/metrics') return answer(res, path, 200, metrics.render(), 'text/plain; version=0.0.4');
    }
    const webhook: Webhook | undefined = path === '/validate' ? 'validate' : path === '/mutate' ? 'mutate' : undefined;
    if (!webhook) {
      req.resume();
      return answer(res, 'other', 404, { error: 'kubeward: POST an AdmissionReview to /validate or /mutate; GET /healthz, /readyz, /metrics' });
    }
    if (req.method !== 'POST') {
      req.resume();
      return answer(res, path, 405, { error: `kubeward: ${path} takes POST of an ${'admission.k8s.io/v1'} AdmissionReview` });
    }
    return review(req, res, webhook, path, started);
  };

  const server: Server = createServer({ cert: first.cert, key: first.key, minVersion: 'TLSv1.2' }, (req, res) => {
    handle(req, res).catch((err) => {
      log(`request failed: ${(err as Error).message}`);
      send(res, 500, { error: 'kubeward: internal error' });
    });
  });
  // A client that never finishes its headers is cut off too (the deadline covers the body).
  server.headersTimeout = deadlineMs + 1000;
  server.requestTimeout = deadlineMs + 2000;
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
    log(`client error: ${err.message}`);
  });

  const reloadCertificates = (): boolean => {
    try {
      const pair = readPair();
      const now = `${pair.cert.toString('base64')}\u0000${pair.key.toString('base64')}`;
      if (now === loaded) return true;
      server.setSecureContext({ cert: pair.cert, key: pair.key, minVersion: 'TLSv1.2' });
      loaded = now;
      metrics.reloads.inc({ result: 'ok' });
      log(`serving certificate reloaded from ${o.certFile}`);
      return true;
    } catch (err) {
      metrics.reloads.inc({ result: 'error' });
      log(`serving certificate not reloaded (the old one is kept): ${(err as Error).message}`);
      return false;
    }
  };
  // Polling, not fs.watch: a Secret volume swaps a symlink, which watchers on the file itself miss.
  const interval = o.certPollMs ?? 5000;
  const onChange = () => void reloadCertificates();
  for (const f of [o.certFile, o.keyFile]) watchFile(f, { interval, persistent: false }, onChange);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    url: `https://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`,
    port,
    metrics,
    reloadCertificates,
    close: async () => {
      closing = true;
      for (const f of [o.certFile, o.keyFile]) unwatchFile(f, onChange);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
