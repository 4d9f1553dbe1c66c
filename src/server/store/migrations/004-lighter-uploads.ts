import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Less to write per uploaded finding (issue 17 "Scale": a 100k-finding upload stored about as fast as it is parsed):
 * - `scans.fixes`: each check's fix text once per scan (JSON `{checkId: fix}`) instead of on every finding row; the
 *   fix was the longest per-check text a row carried (~300 of ~900 bytes). Rows stored before keep their own `fix`;
 *   a row whose `fix` is '' shows its scan's fix for the check.
 * - drops `findings_scan_check (scan_id, check_id)` and `findings_scan_object (scan_id, namespace, kind, name)` from
 *   001: every uploaded row paid an entry in each (a third of the time PostgreSQL spent on a 100k-finding COPY),
 *   while the filters they served inside one scan read that scan's rows through `findings_scan_severity` instead
 *   (a scan is 10k–100k rows; the explorer at 10 M stays under its 100 ms p95, bench/README "Server at scale").
 * - `latest_moves`: scans whose rows still carry `latest = 1` although a newer scan of their cluster is stored. The
 *   upload that supersedes a scan records it here in its transaction; the store moves `latest` off those rows after
 *   the upload is answered and then deletes the entry. Queries of the latest scans skip the scans listed here, so
 *   every server replica answers exactly in between, and a move cut short is finished when a store opens.
 */
export function lighterUploads(): Migration {
  return {
    async up(db: Kysely<any>) {
      await sql`alter table scans add column fixes text not null default '{}'`.execute(db);
      await sql`drop index findings_scan_check`.execute(db);
      await sql`drop index findings_scan_object`.execute(db);
      await sql`create table latest_moves (scan_id text primary key)`.execute(db);
    },
  };
}
