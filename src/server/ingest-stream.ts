import { StringDecoder } from 'node:string_decoder';
import { BadRequest, ScanBuilder } from './ingest.js';
import type { FindingRow, ScanStream } from './store/types.js';

/** The NDJSON upload's media type: the report without `findings` on the first line, then one finding per line. */
export const NDJSON = 'application/x-ndjson';

/** A body over the route's limit (answered 413, like fastify's own limit for JSON bodies). */
export class BodyTooLarge extends Error {
  readonly statusCode = 413;
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
}

/**
 * Findings per batch handed to the store: enough to amortise a COPY write, few enough that a batch in the making is
 * little to copy when the young generation is collected (2,000 spent about 130 ms more in GC per 100k findings).
 */
const BATCH = 250;

/**
 * The lines of a UTF-8 body as they arrive, in groups (each chunk's complete lines), without ever holding the whole
 * body: `\r\n` and `\n` both end a line, blank lines are skipped. More than `maxBytes` bytes in all: BodyTooLarge.
 */
export async function* ndjsonLines(body: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let carry = '';
  for await (const chunk of body) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > maxBytes) throw new BodyTooLarge(`the body is larger than this route's limit (${maxBytes} bytes)`);
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      carry += text;
      continue;
    }
    const lines = (carry + text.slice(0, end)).split('\n');
    carry = text.slice(end + 1);
    yield lines;
  }
  carry += decoder.end();
  if (carry) yield [carry];
}

function parseLine(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch (err) {
    throw new BadRequest(`line ${lineNo} is not JSON: ${(err as Error).message.slice(0, 120)}`);
  }
}

/**
 * An NDJSON upload (`Content-Type: application/x-ndjson`) as a ScanStream: line 1 is the report of
 * `kubeward scan -o json` without its `findings` (schemaVersion, summary, compliance, analysis sections), every
 * further line one finding of it. Findings are validated and redacted as they arrive (ScanBuilder, the same code as a
 * whole JSON upload) and handed on in batches, so the store can write while the rest is still on the wire.
 */
export function ndjsonScan(id: string, cluster: string, body: AsyncIterable<Buffer | string>, maxBytes: number): ScanStream {
  const builder = new ScanBuilder(id, cluster);
  let headerSeen = false;
  let ended = false;
  async function* batches(): AsyncGenerator<FindingRow[]> {
    let lineNo = 0;
    let batch: FindingRow[] = [];
    for await (const lines of ndjsonLines(body, maxBytes)) {
      for (const raw of lines) {
        lineNo++;
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (!line.trim()) continue;
        const value = parseLine(line, lineNo);
        if (!headerSeen) {
          builder.header(value);
          if ((value as Record<string, unknown>).findings !== undefined) {
            throw new BadRequest('line 1 of an NDJSON upload is the report without "findings"; each finding goes on a line of its own');
          }
          headerSeen = true;
          continue;
        }
        batch.push(builder.add(value));
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
      }
    }
    if (!headerSeen) throw new BadRequest('the body is empty: expected the report header line, then one finding per line');
    if (batch.length) yield batch;
    ended = true;
  }
  return {
    id, cluster, batches: batches(),
    meta: () => {
      if (!ended) throw new Error('meta() before the last batch was read');
      return builder.meta();
    },
  };
}
