import { sql, type Kysely, type Migration } from 'kysely';

/**
 * "The latest scan of every cluster" read through each scan's own rows instead of a per-row flag (issue 17 "Scale":
 * an upload stored about as fast as it is parsed):
 * - drops `findings.latest`, its partial indexes (003) and `latest_moves` (004). Every uploaded row paid an entry in
 *   both partial indexes, and every next upload of a cluster paid an UPDATE of all the previous scan's rows (as long
 *   as storing them). A cluster's latest scan is now only `clusters.last_scan_id`, moved in the upload's transaction.
 * - every query of the explorer reads each scan it covers through that scan's own index ranges; across clusters, the
 *   first rows of each latest scan, merged (KyselyStore.queryFindings):
 *   - `findings_scan_severity (scan_id, severity_rank desc, id)` (001's had `severity_rank` ascending): the explorer's
 *     default order (most severe first, then report order), so a page needs only its own rows of each scan;
 *   - `findings_scan_check (scan_id, check_id, namespace)`: one check, and the exceptions (per check, most often per
 *     namespace too), within a scan.
 */
export function perScanLatest(): Migration {
  return {
    async up(db: Kysely<any>) {
      await sql`drop index findings_latest_severity`.execute(db);
      await sql`drop index findings_latest_check`.execute(db);
      await sql`alter table findings drop column latest`.execute(db);
      await sql`drop table latest_moves`.execute(db);
      await sql`drop index findings_scan_severity`.execute(db);
      await sql`create index findings_scan_severity on findings (scan_id, severity_rank desc, id)`.execute(db);
      await sql`create index findings_scan_check on findings (scan_id, check_id, namespace)`.execute(db);
    },
  };
}
