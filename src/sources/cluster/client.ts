/**
 * GET JSON from an API server over node's own https: the connection's credentials, a per-request timeout,
 * and retries with exponential backoff on 429, 5xx and network errors (Retry-After honoured, capped).
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { ClusterConnection } from './kubeconfig.js';

export interface ClientOptions {
  /** Per request, in ms (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First backoff, doubled each retry (default 250 ms). */
  backoffMs?: number;
  /** Sockets kept per server (default 8). */
  maxSockets?: number;
}

export interface ApiGetResult {
  status: number;
  body: unknown;
  /** The response text when it is not JSON (error pages). */
  text?: string;
}

export class ApiRequestError extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RETRYABLE = (status: number) => status === 429 || status >= 500;

export class ApiClient {
  readonly #conn: ClusterConnection;
  readonly #opts: Required<ClientOptions>;
  readonly #agent: HttpAgent | HttpsAgent;
  readonly #https: boolean;

  constructor(conn: ClusterConnection, opts: ClientOptions = {}) {
    this.#conn = conn;
    this.#opts = { timeoutMs: opts.timeoutMs ?? 30_000, retries: opts.retries ?? 4, backoffMs: opts.backoffMs ?? 250, maxSockets: opts.maxSockets ?? 8 };
    this.#https = conn.server.startsWith('https:');
    this.#agent = this.#https
      ? new HttpsAgent({
          keepAlive: true, maxSockets: this.#opts.maxSockets,
          ...(conn.ca ? { ca: conn.ca } : {}),
          ...(conn.cert && conn.key ? { cert: conn.cert, key: conn.key } : {}),
          rejectUnauthorized: !conn.insecureSkipTlsVerify,
        })
      : new HttpAgent({ keepAlive: true, maxSockets: this.#opts.maxSockets });
  }

  /** What was retried: "GET path: reason", in order. */
  readonly retried: string[] = [];

  close(): void {
    this.#agent.destroy();
  }

  /** GET `path` (with `query`), retrying 429/5xx and network errors; the last status is returned, never thrown. */
  async get(path: string, query?: Record<string, string>): Promise<ApiGetResult> {
    const qs = query && Object.keys(query).length ? '?' + new URLSearchParams(query).toString() : '';
    const url = this.#conn.server + path + qs;
    let lastError: Error | undefined;
    for (let attempt = 0; ; attempt++) {
      let wait = this.#opts.backoffMs * 2 ** attempt;
      try {
        const r = await this.#once(url);
        if (!RETRYABLE(r.status) || attempt >= this.#opts.retries) return r;
        this.retried.push(`GET ${path}: HTTP ${r.status}`);
        const after = Number(r.retryAfter);
        if (Number.isFinite(after) && after > 0) wait = Math.min(after * 1000, 10_000);
      } catch (e) {
        lastError = e as Error;
        if (attempt >= this.#opts.retries) throw new ApiRequestError(`GET ${path}: ${lastError.message} (after ${attempt + 1} attempts)`);
        this.retried.push(`GET ${path}: ${lastError.message}`);
      }
      await sleep(wait);
    }
  }

  #once(url: string): Promise<ApiGetResult & { retryAfter?: string }> {
    const c = this.#conn;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'kubeward' };
    if (c.token) headers.authorization = `Bearer ${c.token}`;
    else if (c.basic) headers.authorization = `Basic ${Buffer.from(`${c.basic.username}:${c.basic.password}`).toString('base64')}`;
    const send = this.#https ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, { method: 'GET', agent: this.#agent, headers, timeout: this.#opts.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          const retryAfter = res.headers['retry-after'];
          try {
            resolve({ status, body: JSON.parse(text), ...(retryAfter ? { retryAfter } : {}) });
          } catch {
            resolve({ status, body: undefined, text, ...(retryAfter ? { retryAfter } : {}) });
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.#opts.timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  }
}
