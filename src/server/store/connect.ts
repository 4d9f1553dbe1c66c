import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { initial } from './migrations/001-initial.js';
import { explorerIndexes } from './migrations/002-explorer-indexes.js';
import { latestFindings } from './migrations/003-latest-findings.js';
import { lighterUploads } from './migrations/004-lighter-uploads.js';
import { perScanLatest } from './migrations/005-per-scan-latest.js';
import type { Database as Schema } from './schema.js';

export type { Dialect } from './schema.js';
import type { Dialect } from './schema.js';

/** Where the store lives: `sqlite:PATH` (or a bare path, or `sqlite::memory:`), or `postgres://…` / `postgresql://…`. */
export interface DbTarget {
  dialect: Dialect;
  /** The SQLite file (absolute, or `:memory:`), or the PostgreSQL connection string. */
  location: string;
}

export class DbUrlError extends Error {}

export function parseDbUrl(url: string): DbTarget {
  const text = url.trim();
  if (/^postgres(ql)?:\/\//i.test(text)) return { dialect: 'postgres', location: text };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new DbUrlError(`--db must be sqlite:PATH or postgres://… (got "${text.replace(/\/\/[^@/]*@/, '//***@')}")`);
  const path = text.replace(/^sqlite:/i, '');
  if (!path) throw new DbUrlError('--db sqlite: needs a file path, e.g. sqlite:./kubeward.db');
  return { dialect: 'sqlite', location: path === ':memory:' ? path : resolve(path) };
}

/** The versioned migrations, in order: a new one is a new file and a new line here (never edit a shipped one). */
function migrations(dialect: Dialect): Record<string, Migration> {
  return { '001-initial': initial(dialect), '002-explorer-indexes': explorerIndexes(), '003-latest-findings': latestFindings(), '004-lighter-uploads': lighterUploads(),
    '005-per-scan-latest': perScanLatest(dialect) };
}

const sqliteHandles = new WeakMap<Kysely<Schema>, Database.Database>();
const pgPools = new WeakMap<Kysely<Schema>, pg.Pool>();

/** The better-sqlite3 handle under a SQLite kysely (the upload's prepared INSERT runs on it), or undefined. */
export function sqliteHandle(db: Kysely<Schema>): Database.Database | undefined {
  return sqliteHandles.get(db);
}

/** The node-postgres pool under a PostgreSQL kysely (the streamed upload COPYs on one of its clients), or undefined. */
export function pgPool(db: Kysely<Schema>): pg.Pool | undefined {
  return pgPools.get(db);
}

/**
 * Open the database and bring its schema up to date (migrations run at start, under the migrator's lock); `upTo`
 * stops after the named migration (tests of a later migration on an older schema).
 */
export async function openDatabase(target: DbTarget, upTo?: string): Promise<Kysely<Schema>> {
  let db: Kysely<Schema>;
  if (target.dialect === 'sqlite') {
    const sqlite = new Database(target.location);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
    sqliteHandles.set(db, sqlite);
  } else {
    const pool = new pg.Pool({ connectionString: target.location, max: 10 });
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    pgPools.set(db, pool);
  }
  const provider: MigrationProvider = { getMigrations: async () => migrations(target.dialect) };
  const migrator = new Migrator({ db, provider });
  const { error } = upTo === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(upTo);
  if (error) {
    await db.destroy();
    throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return db;
}
