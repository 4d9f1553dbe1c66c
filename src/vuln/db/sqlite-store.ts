/**
 * The local advisory database: one SQLite file (better-sqlite3). Advisories are keyed by (source, id) so a
 * re-import replaces them in place; affected entries are indexed by (ecosystem, name), the matcher's only
 * access path. The schema is versioned with PRAGMA user_version.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { normalizeName, worstSeverity, type Advisory, type AdvisoryInfo, type AdvisoryStore, type AffectedEntry, type AffectedHit } from '../advisory.js';
import type { VulnSeverity } from '../types.js';

export const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE advisories (
  rowid INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  info TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (source, id)
);
CREATE TABLE affected (
  advisory INTEGER NOT NULL REFERENCES advisories (rowid) ON DELETE CASCADE,
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  entry TEXT NOT NULL
);
CREATE INDEX affected_by_package ON affected (ecosystem, name);
CREATE TABLE names (
  name TEXT NOT NULL,
  advisory INTEGER NOT NULL REFERENCES advisories (rowid) ON DELETE CASCADE
);
CREATE INDEX names_by_name ON names (name);
CREATE INDEX names_by_advisory ON names (advisory);
CREATE INDEX affected_by_advisory ON affected (advisory);
`;

/** `$XDG_CACHE_HOME/kubeward/db.sqlite`, else `~/.cache/kubeward/db.sqlite`. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'kubeward', 'db.sqlite');
}

export class DbError extends Error {}

export type UpsertResult = 'added' | 'updated' | 'unchanged';

export interface DbInfo {
  path: string;
  schemaVersion: number;
  updatedAt?: string;
  sources: Array<{ source: string; advisories: number }>;
  affectedEntries: number;
}

export class AdvisoryDb implements AdvisoryStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly infoCache = new Map<number, AdvisoryInfo>();

  private constructor(
    db: Database.Database,
    readonly path: string,
  ) {
    this.db = db;
    this.stmts = {
      find: db.prepare<[string, string], { rowid: number; hash: string }>('SELECT rowid, hash FROM advisories WHERE source = ? AND id = ?'),
      insert: db.prepare<[string, string, string, string]>('INSERT INTO advisories (source, id, info, hash) VALUES (?, ?, ?, ?)'),
      update: db.prepare<[string, string, number]>('UPDATE advisories SET info = ?, hash = ? WHERE rowid = ?'),
      clear: db.prepare<[number]>('DELETE FROM affected WHERE advisory = ?'),
      clearNames: db.prepare<[number]>('DELETE FROM names WHERE advisory = ?'),
      addName: db.prepare<[string, number]>('INSERT INTO names (name, advisory) VALUES (?, ?)'),
      byName: db.prepare<[string], { info: string }>('SELECT a.info FROM names n JOIN advisories a ON a.rowid = n.advisory WHERE n.name = ?'),
      addAffected: db.prepare<[number, string, string, string]>('INSERT INTO affected (advisory, ecosystem, name, entry) VALUES (?, ?, ?, ?)'),
      lookup: db.prepare<[string, string], { advisory: number; info: string; entry: string }>(
        'SELECT f.advisory, a.info, f.entry FROM affected f JOIN advisories a ON a.rowid = f.advisory WHERE f.ecosystem = ? AND f.name = ?',
      ),
      setMeta: db.prepare<[string, string]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    };
  }

  /** Open (creating it and its directory when `create`) the database at `path`. */
  static open(path: string, opts: { create: boolean }): AdvisoryDb {
    if (!opts.create && !existsSync(path)) throw new DbError(`no advisory database at ${path} (create one with: kubeward db import PATH...)`);
    if (opts.create) mkdirSync(dirname(path), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(path, { fileMustExist: !opts.create });
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      // Lookups read index and row pages at random: keep them in memory (page cache, and the file mapped).
      db.pragma('cache_size = -65536');
      db.pragma('mmap_size = 1073741824');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === 0) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
        if (tables.n !== 0) throw new DbError(`${path} is an SQLite file but not a kubeward advisory database`);
        if (!opts.create) throw new DbError(`${path} is empty (create it with: kubeward db import PATH...)`);
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      } else if (version > SCHEMA_VERSION) {
        throw new DbError(`${path} has schema version ${version}, newer than this kubeward understands (${SCHEMA_VERSION}); upgrade kubeward or re-import into a new file`);
      }
    } catch (err) {
      if (err instanceof DbError) throw err;
      throw new DbError(`cannot open advisory database ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return new AdvisoryDb(db, path);
  }

  /** Insert or replace one advisory (by source and id); unchanged content is left alone. */
  upsert(a: Advisory): UpsertResult {
    const { affected, ...info } = a;
    const entries = affected.map((e) => JSON.stringify(e));
    const infoJson = JSON.stringify(info);
    const hash = createHash('sha1').update(infoJson).update(entries.join('\n')).digest('base64');
    const prev = this.stmts.find.get(a.source, a.id);
    if (prev && prev.hash === hash) return 'unchanged';
    let rowid: number;
    if (prev) {
      rowid = prev.rowid;
      this.stmts.update.run(infoJson, hash, rowid);
      this.stmts.clear.run(rowid);
      this.stmts.clearNames.run(rowid);
      this.infoCache.delete(rowid);
    } else rowid = Number(this.stmts.insert.run(a.source, a.id, infoJson, hash).lastInsertRowid);
    affected.forEach((e, i) => this.stmts.addAffected.run(rowid, e.ecosystem, normalizeName(e.ecosystem, e.name), entries[i]!));
    // Only advisories that state a severity can lend it to other records of the same vulnerability.
    if (a.severity !== 'unknown') for (const n of new Set([a.id, ...a.aliases])) this.stmts.addName.run(n, rowid);
    return prev ? 'updated' : 'added';
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  setMeta(key: string, value: string): void {
    this.stmts.setMeta.run(key, value);
  }

  getMeta(key: string): string | undefined {
    return this.stmts.getMeta.get(key)?.value;
  }

  lookup(ecosystem: string, name: string): AffectedHit[] {
    return this.stmts.lookup.all(ecosystem, normalizeName(ecosystem, name)).map((r) => {
      let info = this.infoCache.get(r.advisory);
      if (!info) this.infoCache.set(r.advisory, (info = JSON.parse(r.info) as AdvisoryInfo));
      return { advisory: info, affected: JSON.parse(r.entry) as AffectedEntry };
    });
  }

  severityOf(names: string[]): { severity: VulnSeverity; score?: number } | undefined {
    return worstSeverity(names.flatMap((n) => this.stmts.byName.all(n).map((r) => JSON.parse(r.info) as AdvisoryInfo)));
  }

  /** Codename → major version pairs imported from the tracker's distributions.json. */
  debianReleases(): Record<string, string> {
    const raw = this.getMeta('debian_releases');
    return raw ? (JSON.parse(raw) as Record<string, string>) : {};
  }

  info(): DbInfo {
    const sources = this.db.prepare('SELECT source, count(*) AS advisories FROM advisories GROUP BY source ORDER BY source').all() as DbInfo['sources'];
    const { n } = this.db.prepare('SELECT count(*) AS n FROM affected').get() as { n: number };
    const updatedAt = this.getMeta('updated_at');
    return { path: this.path, schemaVersion: this.db.pragma('user_version', { simple: true }) as number, ...(updatedAt ? { updatedAt } : {}), sources, affectedEntries: n };
  }

  close(): void {
    this.db.close();
  }
}
