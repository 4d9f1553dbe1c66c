/**
 * The upload client: sends a JSON report (or an audit-alerts document) to a kubeward server
 * (docs/openapi.yaml, `POST /api/v1/scans?cluster=&id=`). The body is streamed from the report's pieces, so a
 * report with hundreds of thousands of findings is never one string. One scan id (a UUID) is made per run and
 * sent with every attempt: the server stores a retried upload once. Network errors, 5xx and 429 are retried
 * with exponential backoff (or the server's Retry-After); 401, 403 and 413 are final, each with a message that
 * says what to do. The token is sent only in the Authorization header and never appears in a message.
 */
import { randomUUID } from 'node:crypto';
import { redact } from '../engine/redact.js';
import { postPieces, type PostAnswer } from './http-post.js';
import { UsageError } from './io.js';

export interface UploadTarget {
  /** The server's base URL, e.g. http://kubeward.kubeward.svc:8080 (a path prefix is kept). */
  server: string;
  token: string;
  cluster: string;
}

export interface UploadOptions {
  /** The scan id (default: a new UUID); the same id on every attempt. */
  id?: string;
  /** Attempts in all (default 4). */
  attempts?: number;
  /** The first backoff delay in ms, doubled per attempt (default 1000), when the server sends no Retry-After. */
  backoffMs?: number;
  /** Told before each retry (for a `kubeward: …` line on stderr). */
  onRetry?: (message: string) => void;
  /** Abort the upload (e.g. on SIGTERM). */
  signal?: AbortSignal;
}

export interface UploadResult {
  id: string;
  /** 201 stored now, 200 already stored under this id. */
  status: number;
  /** The server's answer (`{"id","cluster","findings","createdAt"}` for a scan). */
  body: unknown;
  attempts: number;
}

/** An upload that did not succeed; the message names the reason and never carries the token. */
export class UploadError extends Error {}

/** Which endpoint a document goes to. */
export type UploadKind = 'scans' | 'audit-alerts';

/** The server URL with the endpoint and query; credentials in the URL are refused (they would be logged). */
export function endpointUrl(server: string, kind: UploadKind, cluster: string, id: string): URL {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new UploadError(`not a URL: "${redact(server)}" (expected http(s)://host[:port])`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UploadError(`the server URL must be http:// or https:// (got ${base.protocol})`);
  if (base.username || base.password) throw new UploadError('the server URL must not carry credentials: give the token with --token or KUBEWARD_TOKEN');
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}/api/v1/${kind}`, base);
  url.searchParams.set('cluster', cluster);
  if (kind === 'scans') url.searchParams.set('id', id);
  return url;
}

/** What a display of the URL may show: no query secrets, no credentials (there are none; see endpointUrl). */
function shown(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function errorText(res: PostAnswer): string {
  const text = res.text;
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch { /* not JSON */ }
  return text.trim().slice(0, 200);
}

function retryAfterMs(res: PostAnswer): number | undefined {
  const v = res.header('retry-after');
  if (v === null) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve, reject) => {
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => (clearTimeout(t), reject(new UploadError('upload aborted'))), { once: true });
});

function finalError(status: number, message: string, target: UploadTarget, url: URL): UploadError {
  const why = message ? `: ${message}` : '';
  switch (status) {
    case 401:
      return new UploadError(`the server refused the token (401 Unauthorized${why}); check --token or KUBEWARD_TOKEN`);
    case 403:
      return new UploadError(`the token may not upload for cluster "${target.cluster}" (403 Forbidden${why}); an upload needs a write:scans token for this cluster, or admin`);
    case 413:
      return new UploadError(`the report is larger than the server accepts (413 Payload Too Large${why}); scan fewer namespaces (-n) or raise the server's limit`);
    case 404:
      return new UploadError(`no upload endpoint at ${shown(url)} (404${why}); is --upload/--server the kubeward server's base URL?`);
    default:
      return new UploadError(`the server answered ${status}${why}`);
  }
}

/**
 * Upload a document, given as a function that yields its pieces (called again for each attempt): for `scans` the
 * NDJSON of report/json.ts `ndjsonChunks` (report/index.ts `uploadChunks`), for `audit-alerts` the JSON document.
 * Resolves on 200/201; throws UploadError with the reason otherwise.
 */
export async function upload(kind: UploadKind, pieces: () => Iterable<string>, target: UploadTarget, opts: UploadOptions = {}): Promise<UploadResult> {
  if (!target.token) throw new UploadError('no token: give --token or set KUBEWARD_TOKEN');
  if (!target.cluster) throw new UploadError('no cluster name: give --cluster-name');
  const id = opts.id ?? randomUUID();
  const url = endpointUrl(target.server, kind, target.cluster, id);
  const attempts = Math.max(1, opts.attempts ?? 4);
  const backoff = opts.backoffMs ?? 1000;
  // Whatever a server or a network error echoes, the token never reaches a message.
  const clean = (s: string) => redact(s.split(target.token).join('[redacted]'));
  let lastReason = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let wait = backoff * 2 ** (attempt - 1);
    try {
      // A scan goes as NDJSON (the report's header line, then a line per finding): the server stores it as it arrives.
      const res = await postPieces(url, {
        authorization: `Bearer ${target.token}`, 'content-type': kind === 'scans' ? 'application/x-ndjson' : 'application/json',
      }, pieces(), opts.signal);
      if (res.status === 200 || res.status === 201) {
        let body: unknown = res.text;
        try {
          body = JSON.parse(res.text);
        } catch { /* keep the text */ }
        return { id, status: res.status, body, attempts: attempt };
      }
      if (res.status >= 300 && res.status < 400) {
        // Not followed: the token would go wherever the Location points.
        const to = res.header('location');
        let where = '';
        try {
          if (to) where = ` to ${shown(new URL(to, url))}`;
        } catch { /* not a URL */ }
        throw new UploadError(`the server answered ${res.status}, a redirect${clean(where)}; redirects are not followed (the token would go with it): give that URL as the server`);
      }
      const message = clean(errorText(res));
      if (res.status < 500 && res.status !== 429 && res.status !== 408) throw finalError(res.status, message, target, url);
      lastReason = `${res.status}${message ? ` ${message}` : ''}`;
      wait = retryAfterMs(res) ?? wait;
    } catch (err) {
      if (err instanceof UploadError) throw err;
      if (opts.signal?.aborted) throw new UploadError('upload aborted');
      const e = err as Error & { code?: string };
      lastReason = clean(e.code ?? e.message);
    }
    if (attempt < attempts) {
      opts.onRetry?.(`upload to ${shown(url)} failed (${lastReason}); retry ${attempt}/${attempts - 1} in ${(wait / 1000).toFixed(1)} s`);
      await sleep(wait, opts.signal);
    }
  }
  throw new UploadError(`upload to ${shown(url)} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${lastReason}`);
}

/** The upload target of a command's flags (--upload or --server, --token/KUBEWARD_TOKEN, --cluster-name); a missing part is a usage error. */
export function uploadTarget(o: { token?: string | undefined; clusterName?: string | undefined }, server: string | undefined, serverFlag: string): UploadTarget | undefined {
  if (!server) return undefined;
  if (!o.token) throw new UsageError(`${serverFlag} needs a token: --token or KUBEWARD_TOKEN`);
  if (!o.clusterName) throw new UsageError(`${serverFlag} needs --cluster-name (the name the server stores the scan under)`);
  try {
    endpointUrl(server, 'scans', o.clusterName, '0');
  } catch (err) {
    throw new UsageError(`${serverFlag}: ${(err as Error).message}`);
  }
  return { server, token: o.token, cluster: o.clusterName };
}

/** One line for stderr about a finished upload. */
export function uploadedNote(r: UploadResult, target: UploadTarget): string {
  const body = r.body as { findings?: unknown } | undefined;
  const n = body && typeof body.findings === 'number' ? `, ${body.findings} findings` : '';
  return `uploaded ${r.status === 200 ? '(already stored) ' : ''}scan ${r.id} for cluster ${target.cluster} to ${new URL(target.server).origin}${n}`;
}
