import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Severity } from '../../model/finding.js';
import type { Database as Schema, ScanTable } from './schema.js';
import type { FindingRow, ScanMeta, ScanStream } from './types.js';

/**
 * Writing an uploaded scan: its findings (SQLite: prepared INSERTs in one transaction; PostgreSQL: COPY as the
 * upload arrives), then its scan row and its cluster's latest scan (finishScan), all in one transaction. What
 * KyselyStore.putScanStream calls; the findings explorer is query-findings.ts, the other reads kysely-store.ts.
 */

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export const now = () => new Date().toISOString();

const COLUMNS = ['scan_id', 'scan_seq', 'cluster', 'check_id', 'title', 'severity', 'severity_rank', 'category', 'kind', 'namespace', 'name', 'container',
  'file', 'line', 'message', 'fix', 'frameworks', 'evidence', 'fingerprint'] as const;

function findingValues(scan: { id: string; cluster: string }, seq: number, f: FindingRow, joined: Map<readonly string[], string>): Array<string | number | null> {
  return [scan.id, seq, scan.cluster, f.checkId, f.title, f.severity, SEVERITY_RANK[f.severity], f.category, f.kind, f.namespace, f.name, f.container,
    f.file, f.line, f.message, f.fix, storedRefs(f.frameworks, joined), f.evidence, f.fingerprint];
}

/**
 * The scan's own row and its cluster's `last_scan_id`, once its findings are in, inside the upload's transaction: a
 * query sees the whole scan as its cluster's latest, or not at all. On PostgreSQL uploads of one cluster finish one at
 * a time (an advisory lock held to the commit; SQLite's writes are serial anyway). The scan's `created_at` is taken
 * here, under that lock, so the newest `created_at` is the scan that finished last, and the cluster keeps it.
 */
async function finishScan(trx: Kysely<Schema>, dialect: 'sqlite' | 'postgres', meta: ScanMeta, seq: number, findings: number): Promise<ScanTable> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${meta.cluster}))`.execute(trx);
  const createdAt = now();
  const row: ScanTable = {
    id: meta.id, cluster: meta.cluster, created_at: createdAt, scanned_at: meta.scannedAt, score: meta.score, findings,
    ...meta.bySeverity, frameworks: JSON.stringify(meta.frameworks), sections: JSON.stringify(meta.sections), fixes: JSON.stringify(meta.fixes), seq,
  };
  await trx.insertInto('scans').values(row).execute();
  await trx.insertInto('clusters').values({ name: meta.cluster, last_scan_id: meta.id, last_scan_at: createdAt })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_scan_id: meta.id, last_scan_at: createdAt }).where('clusters.last_scan_at', '<=', createdAt))
    .execute();
  return row;
}

/** A value in PostgreSQL's COPY text format: `\N` for null; backslash, newline, carriage return and tab escaped; NUL dropped. */
const COPY_SPECIAL = /[\\\n\r\t\0]/;
function copyValue(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  if (!COPY_SPECIAL.test(v)) return v;
  return v.replace(/[\\\n\r\t\0]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : ''));
}

/** `|cis-5.2.1|nsa-…|` (the stored form, delimited for LIKE); rows of one check share one refs array, joined once. */
function storedRefs(refs: readonly string[], joined: Map<readonly string[], string>): string {
  let out = joined.get(refs);
  if (out === undefined) {
    out = refs.length ? `|${refs.join('|')}|` : '';
    if (joined.size < 10_000) joined.set(refs, out);
  }
  return out;
}

function copyLines(scan: ScanStream, seq: number, batch: readonly FindingRow[], joined: Map<readonly string[], string>): string {
  const head = `${copyValue(scan.id)}\t${seq}\t${copyValue(scan.cluster)}\t`;
  let out = '';
  for (const f of batch) {
    const refs = storedRefs(f.frameworks, joined);
    const evidence = f.evidence ?? '';
    // One test of all the row's texts (severity, line and rank are known-safe): almost every row needs no escaping.
    if (!COPY_SPECIAL.test(f.checkId + f.title + f.category + f.kind + f.namespace + f.name + f.container + f.file + f.message + f.fix + refs + evidence + f.fingerprint)) {
      out += head + f.checkId + '\t' + f.title + '\t' + f.severity + '\t' + SEVERITY_RANK[f.severity] + '\t' + f.category + '\t' + f.kind + '\t'
        + f.namespace + '\t' + f.name + '\t' + f.container + '\t' + f.file + '\t' + f.line + '\t' + f.message + '\t' + f.fix + '\t' + refs + '\t'
        + (f.evidence === null ? '\\N' : evidence) + '\t' + f.fingerprint + '\n';
      continue;
    }
    out += head + copyValue(f.checkId) + '\t' + copyValue(f.title) + '\t' + f.severity + '\t' + SEVERITY_RANK[f.severity] + '\t'
      + copyValue(f.category) + '\t' + copyValue(f.kind) + '\t' + copyValue(f.namespace) + '\t' + copyValue(f.name) + '\t'
      + copyValue(f.container) + '\t' + copyValue(f.file) + '\t' + f.line + '\t' + copyValue(f.message) + '\t' + copyValue(f.fix) + '\t'
      + copyValue(refs) + '\t' + copyValue(f.evidence) + '\t' + copyValue(f.fingerprint) + '\n';
  }
  return out;
}

/** A kysely over one checked-out client (the streamed upload's transaction), for the statements after its COPY. */
function onClient(client: pg.PoolClient): Kysely<Schema> {
  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool: { connect: async () => ({ query: client.query.bind(client), release: () => {} }), end: async () => {} } as never }) });
}

/**
 * PostgreSQL: one transaction on one client; the findings go in with `COPY findings FROM STDIN` batch by batch as
 * the upload arrives (PostgreSQL writes rows and indexes in its own process while this one reads and parses the
 * next lines), then finishScan. Any error (a bad line, a body over the limit, a dropped connection) aborts the COPY
 * and rolls everything back; that client is discarded rather than reused.
 */
export async function copyScan(pool: pg.Pool, scan: ScanStream): Promise<ScanTable> {
  const client = await pool.connect();
  let failed: unknown;
  try {
    await client.query('begin');
    const seq = Number((await client.query<{ seq: string }>(`select nextval('scan_seqs') as seq`)).rows[0]!.seq);
    const copy = client.query(copyFrom(`copy findings (${COLUMNS.join(', ')}) from stdin`));
    const done = finished(copy);
    done.catch(() => {});
    let count = 0;
    const joined = new Map<readonly string[], string>();
    try {
      for await (const batch of scan.batches) {
        count += batch.length;
        if (!copy.write(copyLines(scan, seq, batch, joined))) await Promise.race([once(copy, 'drain'), done]);
      }
    } catch (err) {
      copy.destroy(err as Error);
      throw err;
    }
    copy.end();
    await done;
    const stored = await finishScan(onClient(client), 'postgres', scan.meta(), seq, count);
    await client.query('commit');
    return stored;
  } catch (err) {
    failed = err;
    throw err;
  } finally {
    if (failed !== undefined) {
      await client.query('rollback').catch(() => {});
      client.release(true);
    } else client.release();
  }
}

/**
 * SQLite: the findings are read first (validated and redacted as they arrive) and written in one transaction at
 * the end (one prepared INSERT per row on the better-sqlite3 handle under `db`), so a slow upload never holds the
 * database's one writer (nor kysely's one connection) while it waits for the network.
 */
export async function insertScanSqlite(db: Kysely<Schema>, raw: Database.Database, scan: ScanStream): Promise<ScanTable> {
  const rows: FindingRow[][] = [];
  for await (const batch of scan.batches) rows.push(batch);
  const meta = scan.meta();
  return db.transaction().execute(async (trx) => {
    const stmt = raw.prepare(`insert into findings (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
    // Writes are serial on SQLite: the next number is the largest so far + 1.
    const seq = Number((raw.prepare('select coalesce(max(seq), 0) + 1 as seq from scans').get() as { seq: number }).seq);
    let count = 0;
    const joined = new Map<readonly string[], string>();
    for (const batch of rows) {
      for (const f of batch) stmt.run(findingValues(scan, seq, f, joined));
      count += batch.length;
    }
    return finishScan(trx, 'sqlite', meta, seq, count);
  });
}
