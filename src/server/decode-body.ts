import { createGunzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NDJSON } from './ingest-stream.js';

class UnsupportedEncoding extends Error {
  readonly statusCode = 415;
}

/**
 * preParsing for uploads (JSON; NDJSON for scans): a `Content-Encoding: gzip` body is decompressed as it streams in, so the route's body
 * limit counts decompressed bytes (a small gzip bomb still stops at the limit). Other encodings: 415.
 */
export async function decodeBody(request: FastifyRequest, _reply: FastifyReply, payload: NodeJS.ReadableStream): Promise<NodeJS.ReadableStream> {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !(type === NDJSON && request.routeOptions.url === '/api/v1/scans')) {
    throw new UnsupportedEncoding(`the body must be Content-Type application/json${request.routeOptions.url === '/api/v1/scans' ? ` or ${NDJSON}` : ''} (got ${type || 'none'})`);
  }
  const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return payload;
  if (encoding !== 'gzip') throw new UnsupportedEncoding(`Content-Encoding ${encoding} is not supported (gzip or none)`);
  const gunzip = createGunzip();
  let encoded = 0;
  // fastify compares Content-Length with the bytes received: the compressed ones.
  payload.on('data', (chunk: Buffer) => {
    encoded += chunk.length;
    (gunzip as unknown as { receivedEncodedLength: number }).receivedEncodedLength = encoded;
  });
  payload.on('error', (err) => gunzip.destroy(err));
  payload.pipe(gunzip);
  return gunzip;
}
