import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Indexes for the findings explorer at scale (bench/server.bench.ts): a severity filter over the latest scans
 * (`severity=critical` across every cluster) reads only that severity's rows of each scan, in id order, instead of
 * every finding of every latest scan; the same for a sort by object name within a scan.
 */
export function explorerIndexes(): Migration {
  return {
    async up(db: Kysely<any>) {
      await sql`create index findings_scan_severity_text on findings (scan_id, severity, id)`.execute(db);
      await sql`create index findings_scan_name on findings (scan_id, name, id)`.execute(db);
    },
  };
}
