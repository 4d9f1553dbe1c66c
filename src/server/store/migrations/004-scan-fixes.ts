import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `scans.fixes`: each check's fix text once per scan (JSON `{checkId: fix}`), instead of on every finding row. The
 * fix is the longest per-check text a row carried (~300 of ~900 bytes); an upload of 100k findings writes that much
 * less (issue 17 "Scale": uploads streamed at the speed of parsing). Rows stored before keep their own `fix`; a row
 * whose `fix` is '' shows its scan's fix for the check.
 */
export function scanFixes(): Migration {
  return {
    async up(db: Kysely<any>) {
      await sql`alter table scans add column fixes text not null default '{}'`.execute(db);
    },
  };
}
