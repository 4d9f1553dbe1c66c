import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { AuditEvent, AuditReadStats } from '../../model/audit.js';
import { isRecord } from '../../model/object.js';
import { describeFsError } from '../fs-error.js';
import { boundedLines } from './lines.js';

/** Events larger than this are counted and skipped (the API server's own limit on a logged event is far above a sane one). */
export const MAX_EVENT_BYTES = 256 * 1024;
/** Per file, the malformed lines named one by one in the warnings; the rest are counted. */
const NAMED_PER_FILE = 5;

export interface AuditFileEvent {
  event: AuditEvent;
  file: string;
  line: number;
}

export function emptyReadStats(): AuditReadStats {
  return { files: 0, lines: 0, events: 0, malformed: 0, oversized: 0, truncated: 0 };
}

/** Files of a directory that look like audit logs (audit.log, audit.log.1, audit-2026-01-05T10-00-00.000.log.gz), oldest first. */
async function logsIn(dir: string): Promise<string[]> {
  // alerts.jsonl of an audit sink's store holds alerts, not events.
  const names = (await readdir(dir)).filter((n) => /\.log(\.\d+)?(\.gz)?$|\.jsonl?(\.gz)?$/.test(n) && !n.startsWith('alerts'));
  const withTimes = await Promise.all(names.map(async (n) => ({ path: join(dir, n), mtime: (await stat(join(dir, n))).mtimeMs })));
  return withTimes.filter((f) => f.mtime !== undefined).sort((a, b) => a.mtime - b.mtime || b.path.localeCompare(a.path)).map((f) => f.path);
}

/** The files to read: files as given, directories expanded to their logs oldest first. Throws with the reason when a path cannot be read. */
export async function auditLogFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch (err) {
      throw new Error(`${p}: ${describeFsError(err)}`);
    }
    if (s.isDirectory()) out.push(...(await logsIn(p)));
    else out.push(p);
  }
  return out;
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * The audit events of JSON-lines files (the API server's log backend, plain or gzip, current and rotated) in the
 * order given, one at a time (memory stays bounded by the longest kept line). A line that is not an event (bad
 * JSON, not an object), a cut-off last line and an event over `maxEventBytes` are counted in `stats` and warned
 * about; a file that cannot be read (or a broken gzip stream) ends with a warning and the next file is read.
 * A line holding an EventList (a webhook batch saved as a line) gives its items.
 */
export async function* readAuditLogs(files: readonly string[], stats: AuditReadStats, warn: (message: string) => void, maxEventBytes = MAX_EVENT_BYTES): AsyncGenerator<AuditFileEvent> {
  for (const file of files) {
    stats.files++;
    let named = 0;
    const bad = (line: number, why: string) => {
      if (named++ < NAMED_PER_FILE) warn(`${file}:${line}: ${why}`);
    };
    let malformedHere = 0;
    try {
      const raw = createReadStream(file, { highWaterMark: 256 * 1024 });
      const stream = (await isGzip(file)) ? raw.pipe(createGunzip()).on('error', (e) => raw.destroy(e)) : raw;
      for await (const l of boundedLines(stream as AsyncIterable<Buffer>, maxEventBytes)) {
        stats.lines++;
        if ('oversized' in l) {
          stats.oversized++;
          warn(`${file}:${l.line}: an event of ${l.oversized} bytes, over the limit of ${maxEventBytes}: skipped`);
          continue;
        }
        const text = l.text.trim();
        if (!text) continue;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (err) {
          if (l.last) {
            stats.truncated++;
            warn(`${file}:${l.line}: the last line is cut off (${text.length} characters without an end): skipped`);
          } else {
            stats.malformed++;
            malformedHere++;
            bad(l.line, `not JSON (${(err as Error).message.slice(0, 80)}): skipped`);
          }
          continue;
        }
        const events = isRecord(value) && value.kind === 'EventList' && Array.isArray(value.items) ? value.items : [value];
        for (const e of events) {
          if (isRecord(e) && (e.kind === 'Event' || typeof e.auditID === 'string') ) {
            stats.events++;
            yield { event: e as AuditEvent, file, line: l.line };
          } else {
            stats.malformed++;
            malformedHere++;
            bad(l.line, 'not an audit event (an object with kind Event or an auditID): skipped');
          }
        }
      }
    } catch (err) {
      warn(`${file}: ${describeFsError(err)}${(err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' ? ' (the gzip stream is cut off)' : ''}: the rest of the file is skipped`);
    }
    if (malformedHere > NAMED_PER_FILE) warn(`${file}: ${malformedHere} malformed lines in all`);
  }
}
