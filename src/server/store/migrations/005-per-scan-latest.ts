import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../schema.js';

/**
 * "The latest scan of every cluster" read through each scan's own index ranges instead of a per-row flag, and those
 * ranges keyed by a number (issue 17 "Scale": an upload stored about as fast as it is parsed):
 * - drops `findings.latest`, its partial indexes (003) and `latest_moves` (004). Every uploaded row paid an entry in
 *   both partial indexes, and every next upload of a cluster paid an UPDATE of all the previous scan's rows (as long
 *   as storing them). A cluster's latest scan is now only `clusters.last_scan_id`, moved in the upload's transaction.
 * - `scans.seq` (1, 2, … in upload order; PostgreSQL hands them out from the sequence `scan_seqs`) and
 *   `findings.scan_seq`: the indexes below lead with this number, not the 36-character scan id; an index entry of
 *   an uploaded row is 16 bytes of key instead of about 50, about a third less of what PostgreSQL spends on the
 *   indexes of a 100k-finding COPY. Existing rows are numbered here (one UPDATE of every finding: minutes at 10 M
 *   rows, once).
 * - every query of the explorer reads each scan it covers through these, across clusters the first rows of each
 *   latest scan, merged (store/query-findings.ts):
 *   - `findings_scan_severity (scan_seq, severity_rank desc, id)`: the default order (most severe first, then report
 *     order), so a page needs only its own rows of each scan;
 *   - `findings_scan_check (scan_seq, check_id, namespace)`: one check, and the exceptions (per check, most often per
 *     namespace too), within a scan.
 */
export function perScanLatest(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await sql`drop index findings_latest_severity`.execute(db);
      await sql`drop index findings_latest_check`.execute(db);
      await sql`drop index findings_scan_severity`.execute(db);
      await sql`alter table findings drop column latest`.execute(db);
      await sql`drop table latest_moves`.execute(db);
      await sql`alter table scans add column seq integer`.execute(db);
      await sql`update scans set seq = n.rn from (select id, row_number() over (order by created_at, id) as rn from scans) as n where scans.id = n.id`.execute(db);
      await sql`create unique index scans_seq on scans (seq)`.execute(db);
      await sql`alter table findings add column scan_seq integer not null default 0`.execute(db);
      await sql`update findings set scan_seq = scans.seq from scans where scans.id = findings.scan_id`.execute(db);
      await sql`create index findings_scan_severity on findings (scan_seq, severity_rank desc, id)`.execute(db);
      await sql`create index findings_scan_check on findings (scan_seq, check_id, namespace)`.execute(db);
      if (dialect === 'postgres') {
        await sql`create sequence scan_seqs`.execute(db);
        await sql`select setval('scan_seqs', coalesce(max(seq), 0) + 1, false) from scans`.execute(db);
      }
    },
  };
}
