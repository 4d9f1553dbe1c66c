import { type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../schema.js';

/** The first schema: tokens, sessions, clusters, scans, findings, exceptions, audit alerts. */
export function initial(dialect: Dialect): Migration {
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  const double = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<any>) {
      await db.schema.createTable('tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('cluster', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('sessions')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('token_id', 'text', (c) => c.notNull().references('tokens.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('clusters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('last_scan_id', 'text', (c) => c.notNull())
        .addColumn('last_scan_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('scans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cluster', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('scanned_at', 'text')
        .addColumn('score', double, (c) => c.notNull())
        .addColumn('findings', 'integer', (c) => c.notNull())
        .addColumn('critical', 'integer', (c) => c.notNull())
        .addColumn('high', 'integer', (c) => c.notNull())
        .addColumn('medium', 'integer', (c) => c.notNull())
        .addColumn('low', 'integer', (c) => c.notNull())
        .addColumn('info', 'integer', (c) => c.notNull())
        .addColumn('frameworks', 'text', (c) => c.notNull())
        .addColumn('sections', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('scans_cluster_created').on('scans').columns(['cluster', 'created_at']).execute();
      await db.schema.createTable('findings')
        .addColumn('id', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('scan_id', 'text', (c) => c.notNull())
        .addColumn('cluster', 'text', (c) => c.notNull())
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('severity_rank', 'integer', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('namespace', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('container', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('fix', 'text', (c) => c.notNull())
        .addColumn('frameworks', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text')
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .execute();
      // The explorer's queries: one scan (or the latest of each cluster), filtered, sorted by severity.
      await db.schema.createIndex('findings_scan_severity').on('findings').columns(['scan_id', 'severity_rank', 'id']).execute();
      await db.schema.createIndex('findings_scan_check').on('findings').columns(['scan_id', 'check_id']).execute();
      await db.schema.createIndex('findings_scan_object').on('findings').columns(['scan_id', 'namespace', 'kind', 'name']).execute();
      await db.schema.createTable('exceptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('check_id', 'text', (c) => c.notNull())
        .addColumn('cluster', 'text')
        .addColumn('namespace', 'text')
        .addColumn('kind', 'text')
        .addColumn('name', 'text')
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('expires', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exceptions_check').on('exceptions').column('check_id').execute();
      await db.schema.createTable('audit_alerts')
        .addColumn('id', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('cluster', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('alert', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_alerts_cluster').on('audit_alerts').columns(['cluster', 'id']).execute();
    },
  };
}
