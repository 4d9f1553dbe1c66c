import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The findings explorer across every cluster at scale (bench/server.bench.ts, issue 17 "Scale"):
 * - `findings.latest` (1 on the rows of each cluster's latest scan, 0 elsewhere), kept by the upload in the same
 *   transaction that moves `clusters.last_scan_id` (the previous latest scan's rows are set to 0). "The latest scan
 *   of every cluster" becomes `latest = 1` on partial indexes holding only those rows, instead of `scan_id IN
 *   (50 scans)` followed by a sort of all their rows.
 * - `findings_latest_severity (severity_rank DESC, id) WHERE latest = 1`: the explorer's default order (and a
 *   severity filter) walks this index and stops after the page.
 * - `findings_latest_check (check_id, namespace, severity_rank DESC, id) WHERE latest = 1`: one check across
 *   clusters, and the exceptions (matched per check, most often per namespace too) across clusters.
 * - drops 002's `(scan_id, severity, id)`: severity is now filtered on the integer `severity_rank`, which
 *   `findings_scan_severity (scan_id, severity_rank, id)` from 001 serves (one index less to maintain per upload).
 */
export function latestFindings(): Migration {
  return {
    async up(db: Kysely<any>) {
      await sql`alter table findings add column latest integer not null default 0`.execute(db);
      await sql`update findings set latest = 1 where scan_id in (select last_scan_id from clusters)`.execute(db);
      await sql`create index findings_latest_severity on findings (severity_rank desc, id) where latest = 1`.execute(db);
      await sql`create index findings_latest_check on findings (check_id, namespace, severity_rank desc, id) where latest = 1`.execute(db);
      await sql`drop index findings_scan_severity_text`.execute(db);
    },
  };
}
