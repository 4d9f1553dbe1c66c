/**
 * One streamed POST over node:http / node:https: the body is written piece by piece as the socket takes it
 * (chunked transfer encoding), so a report of hundreds of thousands of findings is never one string or one buffer.
 * Plain node:http rather than fetch: fetch's web-stream body costs about as much CPU as the server spends storing
 * the upload (bench/server.bench.ts runs the client next to the server). A server that answers before it has read
 * the whole body (401, 403, 413) is answered with, not a write error. Redirects are not followed.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostAnswer {
  status: number;
  /** A response header (lower-case name), or null. */
  header(name: string): string | null;
  /** The response body as text (at most `maxAnswerBytes`). */
  text: string;
}

/** An answer is a short JSON document; more than this is cut. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** No byte either way for this long: the request fails with ETIMEDOUT (and is retried by the caller). */
const IDLE_MS = 5 * 60_000;

function readAnswer(res: IncomingMessage): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (b: Buffer) => {
      if (size < MAX_ANSWER_BYTES) parts.push(b);
      size += b.length;
    });
    res.on('error', reject);
    res.on('end', () => {
      const v = (name: string) => {
        const h = res.headers[name];
        return h === undefined ? null : Array.isArray(h) ? h.join(', ') : h;
      };
      resolve({ status: res.statusCode ?? 0, header: v, text: Buffer.concat(parts).subarray(0, MAX_ANSWER_BYTES).toString('utf8') });
    });
  });
}

/** POST `pieces` to `url`; resolves with the answer (any status), rejects on a network error (the error's `code` says which). */
export function postPieces(url: URL, headers: Record<string, string>, pieces: Iterable<string>, signal?: AbortSignal): Promise<PostAnswer> {
  return new Promise<PostAnswer>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let answered = false;
    const req = send(url, { method: 'POST', headers, ...(signal ? { signal } : {}) });
    req.setTimeout(IDLE_MS, () => req.destroy(Object.assign(new Error('no answer from the server for 5 minutes'), { code: 'ETIMEDOUT' })));
    req.on('response', (res) => {
      answered = true;
      readAnswer(res).then(resolve, reject);
    });
    // A server may answer and close before the whole body is sent (a refused token, a body over its limit): the
    // answer wins over the write error that follows.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const it = pieces[Symbol.iterator]();
    const pump = () => {
      try {
        for (;;) {
          if (answered || req.destroyed) return;
          const next = it.next();
          if (next.done) {
            req.end();
            return;
          }
          if (!req.write(next.value)) {
            req.once('drain', pump);
            return;
          }
        }
      } catch (err) {
        // The body could not be made (the caller's pieces threw): no request is sent in part.
        req.destroy(err as Error);
      }
    };
    pump();
  });
}
