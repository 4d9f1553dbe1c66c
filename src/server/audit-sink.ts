import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { AuditEngine } from '../engine/audit.js';
import type { AuditAlert, AuditEvent } from '../model/audit.js';
import { AuditStore } from './audit-store.js';

/** The API server's audit webhook sends batches far below this; Falco's k8saudit plugin refuses the same. */
export const MAX_BATCH_BYTES = 12 * 1024 * 1024;
/** Events stored but not judged (as `audit scan` skips them). */
export const MAX_JUDGED_EVENT_BYTES = 256 * 1024;

export interface AuditSinkOptions {
  host: string;
  port: number;
  cert: string | Buffer;
  key: string | Buffer;
  /** Accept senders with a client certificate signed by this CA. */
  clientCa?: string | Buffer;
  /** Accept senders with this bearer token. */
  token?: string;
  storeDir: string;
  rotateBytes: number;
  engine: AuditEngine;
  onAlert?(alert: AuditAlert): void;
  log?(message: string): void;
  /** Test hook: after storing this many batches, exit the process without acknowledging the last one. */
  crashAfterBatches?: number;
}

export interface AuditSink {
  url: string;
  port: number;
  /** Events stored, batches acknowledged, alerts raised, batches refused since the start. */
  counts: { events: number; batches: number; alerts: number; refused: number; oversized: number };
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sameToken(given: string, want: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Read a body of at most `limit` bytes; undefined (and the request drained) when it is larger. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return undefined;
  const parts: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) over = true;
    if (!over) parts.push(chunk);
  }
  return over ? undefined : Buffer.concat(parts, size);
}

/**
 * `kubeward audit serve`: the audit webhook backend of kube-apiserver (--audit-webhook-config-file). HTTPS only.
 * A POST carries an audit.k8s.io/v1 EventList; the sender must present a client certificate signed by `clientCa`
 * or the bearer `token`. Every event is appended to the store and fsynced BEFORE the 200: what the API server saw
 * acknowledged is on disk, and a batch not acknowledged is retried by the API server. Then the rules run (in
 * arrival order, one engine for the sink's lifetime) and alerts go to alerts.jsonl and `onAlert`.
 * Answers: 200 stored; 400 not an EventList; 401 no valid credential; 413 a batch over 12 MiB; GET /healthz 200.
 */
export async function startAuditSink(o: AuditSinkOptions): Promise<AuditSink> {
  if (!o.clientCa && !o.token) throw new Error('the audit sink needs a way to authenticate the API server: a client CA or a bearer token');
  const store = await AuditStore.open(o.storeDir, o.rotateBytes);
  const counts = { events: 0, batches: 0, alerts: 0, refused: 0, oversized: 0 };
  const log = o.log ?? (() => undefined);
  /** Batches are judged one after another, in the order they were stored. */
  let judging: Promise<unknown> = Promise.resolve();

  const authenticated = (req: IncomingMessage): boolean => {
    if (o.clientCa && (req.socket as TLSSocket).authorized) return true;
    const auth = req.headers.authorization;
    return !!o.token && typeof auth === 'string' && auth.startsWith('Bearer ') && sameToken(auth.slice(7).trim(), o.token);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && (path === '/healthz' || path === '/readyz')) return send(res, 200, { status: 'ok', ...counts });
    if (req.method !== 'POST') return send(res, 405, { error: 'POST an audit.k8s.io/v1 EventList' });
    if (!authenticated(req)) {
      counts.refused++;
      req.resume();
      return send(res, 401, { error: 'unauthenticated: present a client certificate signed by the sink\'s client CA, or its bearer token' });
    }
    const body = await readBody(req, MAX_BATCH_BYTES);
    if (!body) {
      counts.refused++;
      log(`refused a batch over ${MAX_BATCH_BYTES} bytes (413)`);
      return send(res, 413, { error: `batch over ${MAX_BATCH_BYTES} bytes` });
    }
    let list: unknown;
    try {
      list = JSON.parse(body.toString('utf8'));
    } catch (err) {
      counts.refused++;
      return send(res, 400, { error: `not JSON: ${(err as Error).message.slice(0, 120)}` });
    }
    const items = (list as { kind?: unknown; items?: unknown })?.kind === 'EventList' ? (list as { items?: unknown }).items : undefined;
    if (!Array.isArray(items) || items.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))) {
      counts.refused++;
      return send(res, 400, { error: 'not an audit.k8s.io/v1 EventList (kind EventList with items that are objects)' });
    }
    const lines = items.map((e) => JSON.stringify(e));
    await store.appendEvents(lines);
    counts.events += lines.length;
    counts.batches++;
    if (o.crashAfterBatches !== undefined && counts.batches >= o.crashAfterBatches) {
      // Test hook: the batch is on disk, the API server never hears so (the connection drops with the process).
      log(`test hook: exiting after storing batch ${counts.batches} (${lines.length} events) without acknowledging it`);
      process.exit(75);
    }
    const judged = judging.then(async () => {
      const alerts: AuditAlert[] = [];
      items.forEach((event, i) => {
        if (lines[i]!.length > MAX_JUDGED_EVENT_BYTES) {
          counts.oversized++;
          log(`stored, not judged: event ${(event as AuditEvent).auditID ?? '?'} of ${lines[i]!.length} bytes (over ${MAX_JUDGED_EVENT_BYTES})`);
          return;
        }
        alerts.push(...o.engine.process(event as AuditEvent));
      });
      counts.alerts += alerts.length;
      await store.appendAlerts(alerts.map((a) => JSON.stringify(a)));
      for (const a of alerts) o.onAlert?.(a);
    });
    judging = judged.catch((err) => log(`judging a batch failed: ${(err as Error).message}`));
    send(res, 200, { stored: lines.length });
  };

  const server: Server = createServer({
    cert: o.cert, key: o.key,
    ...(o.clientCa ? { ca: o.clientCa, requestCert: true, rejectUnauthorized: false } : {}),
    minVersion: 'TLSv1.2',
  }, (req, res) => {
    handle(req, res).catch((err) => {
      log(`request failed: ${(err as Error).message}`);
      // A batch that could not be stored is not acknowledged: a 500 makes the API server retry it.
      if (!res.headersSent) send(res, 500, { error: 'could not store the batch' });
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  return {
    url: `https://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`,
    port,
    counts,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await judging;
      await store.close();
    },
  };
}
