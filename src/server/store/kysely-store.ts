import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Severity } from '../../model/finding.js';
import { newSessionId, newToken, sha256Hex } from '../auth/tokens.js';
import { openDatabase, pgPool, sqliteHandle, type DbTarget } from './connect.js';
import type { Database, ScanTable } from './schema.js';
import { queryFindings } from './query-findings.js';
import { copyScan, insertScanSqlite, now } from './write-scan.js';
import type {
  AuditAlertItem, BySeverity, ClusterSummary, ExceptionInput, ExceptionItem, FindingItem, FindingQuery, FrameworkView, MetricsSnapshot,
  Page, PreparedScan, ScanDetail, ScanStream, ScanSummary, Scope, Store, TokenInfo, TrendPoint,
} from './types.js';

const SEVERITY_NAMES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
/** Audit alerts per INSERT: 6 columns × 500 stays well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 500;

function bySeverity(row: Pick<ScanTable, Severity>): BySeverity {
  return { critical: Number(row.critical), high: Number(row.high), medium: Number(row.medium), low: Number(row.low), info: Number(row.info) };
}

function scanSummary(row: ScanTable): ScanSummary {
  return { id: row.id, cluster: row.cluster, createdAt: row.created_at, findings: Number(row.findings), score: Number(row.score), bySeverity: bySeverity(row) };
}

/** Scans whose `fixes` are kept parsed (a stored scan never changes, so entries never go stale). */
const FIXES_CACHED = 1000;

export class KyselyStore implements Store {
  private readonly fixesCache = new Map<string, Record<string, string>>();

  private constructor(private readonly db: Kysely<Database>, readonly dialect: 'sqlite' | 'postgres') {}

  /** `scans.fixes` of these scans (parsed; the last FIXES_CACHED scans read are kept in memory). */
  private async scanFixes(ids: readonly string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.fixesCache.get(id);
      if (hit) out.set(id, hit);
      else missing.push(id);
    }
    if (missing.length) {
      for (const r of await this.db.selectFrom('scans').select(['id', 'fixes']).where('id', 'in', missing).execute()) {
        const fixes = JSON.parse(r.fixes) as Record<string, string>;
        out.set(r.id, fixes);
        this.fixesCache.set(r.id, fixes);
        if (this.fixesCache.size > FIXES_CACHED) this.fixesCache.delete(this.fixesCache.keys().next().value!);
      }
    }
    return out;
  }

  static async open(target: DbTarget): Promise<KyselyStore> {
    return new KyselyStore(await openDatabase(target), target.dialect);
  }

  /** The kysely instance (tests read the stored rows through it). */
  get kysely(): Kysely<Database> {
    return this.db;
  }

  async createToken(scope: Scope, cluster: string | null): Promise<{ token: string; info: TokenInfo }> {
    const token = newToken();
    const info: TokenInfo = { id: randomUUID(), scope, cluster: scope === 'write:scans' ? cluster : null };
    await this.db.insertInto('tokens').values({ id: info.id, hash: sha256Hex(token), scope, cluster: info.cluster, created_at: now() }).execute();
    return { token, info };
  }

  async countTokens(): Promise<number> {
    const row = await this.db.selectFrom('tokens').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async findToken(token: string): Promise<TokenInfo | undefined> {
    const row = await this.db.selectFrom('tokens').select(['id', 'scope', 'cluster']).where('hash', '=', sha256Hex(token)).executeTakeFirst();
    return row ? { id: row.id, scope: row.scope as Scope, cluster: row.cluster } : undefined;
  }

  async createSession(tokenId: string, ttlSeconds: number): Promise<string> {
    const id = newSessionId();
    const created = new Date();
    await this.db.insertInto('sessions').values({
      hash: sha256Hex(id), token_id: tokenId, created_at: created.toISOString(), expires_at: new Date(created.getTime() + ttlSeconds * 1000).toISOString(),
    }).execute();
    return id;
  }

  async findSession(sessionId: string): Promise<TokenInfo | undefined> {
    const row = await this.db.selectFrom('sessions').innerJoin('tokens', 'tokens.id', 'sessions.token_id')
      .select(['tokens.id', 'tokens.scope', 'tokens.cluster', 'sessions.expires_at'])
      .where('sessions.hash', '=', sha256Hex(sessionId)).executeTakeFirst();
    if (!row || row.expires_at < now()) return undefined;
    return { id: row.id, scope: row.scope as Scope, cluster: row.cluster };
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where((eb) => eb.or([eb('hash', '=', sha256Hex(sessionId)), eb('expires_at', '<', now())])).execute();
  }

  async putScan(scan: PreparedScan): Promise<{ created: boolean; scan: ScanSummary }> {
    const findings = scan.findings;
    return this.putScanStream({ id: scan.id, cluster: scan.cluster, batches: (async function* () { yield findings; })(), meta: () => scan });
  }

  async putScanStream(scan: ScanStream): Promise<{ created: boolean; scan: ScanSummary }> {
    const existing = await this.storedScan(scan.id);
    if (existing) {
      // Idempotent: the body of a retried upload is read (and checked) but not stored again.
      for await (const batch of scan.batches) void batch;
      return { created: false, scan: existing };
    }
    const pool = pgPool(this.db);
    try {
      const raw = sqliteHandle(this.db);
      const row = pool ? await copyScan(pool, scan) : await insertScanSqlite(this.db, raw!, scan);
      return { created: true, scan: scanSummary(row) };
    } catch (err) {
      // The same id uploaded twice at once: the other upload stored it first.
      const again = await this.storedScan(scan.id);
      if (again) return { created: false, scan: again };
      throw err;
    }
  }

  private async storedScan(id: string): Promise<ScanSummary | undefined> {
    const row = await this.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? scanSummary(row) : undefined;
  }

  async getScan(id: string): Promise<ScanDetail | undefined> {
    const row = await this.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const frameworks = (JSON.parse(row.frameworks) as FrameworkView[]).map((f) => ({
      id: f.id, name: f.name, score: f.score,
      passed: f.controls.filter((c) => c.status === 'passed').length,
      failed: f.controls.filter((c) => c.status === 'failed').length,
      notEvaluated: f.controls.filter((c) => c.status === 'not-evaluated').length,
    }));
    return { ...scanSummary(row), scannedAt: row.scanned_at, frameworks };
  }

  async listScans(cluster: string | undefined, limit: number, offset: number): Promise<Page<ScanSummary>> {
    let q = this.db.selectFrom('scans');
    if (cluster !== undefined) q = q.where('cluster', '=', cluster);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    ]);
    return { items: rows.map(scanSummary), total: Number(count?.n ?? 0) };
  }

  async listClusters(): Promise<ClusterSummary[]> {
    const rows = await this.db.selectFrom('clusters').innerJoin('scans', 'scans.id', 'clusters.last_scan_id')
      .select(['clusters.name', 'clusters.last_scan_id', 'clusters.last_scan_at', 'scans.score', 'scans.critical', 'scans.high', 'scans.medium', 'scans.low', 'scans.info'])
      .orderBy('clusters.name').execute();
    return rows.map((r) => ({ name: r.name, lastScanId: r.last_scan_id, lastScanAt: r.last_scan_at, score: Number(r.score), bySeverity: bySeverity(r) }));
  }

  async latestScanId(cluster: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('clusters').select('last_scan_id').where('name', '=', cluster).executeTakeFirst();
    return row?.last_scan_id;
  }

  async queryFindings(query: FindingQuery): Promise<Page<FindingItem>> {
    return queryFindings(this.db, this.dialect, query, (ids) => this.scanFixes(ids));
  }

  async trends(cluster: string | undefined, since: string): Promise<TrendPoint[]> {
    let q = this.db.selectFrom('scans').selectAll().where('created_at', '>=', since);
    if (cluster !== undefined) q = q.where('cluster', '=', cluster);
    const rows = await q.orderBy('created_at', 'asc').orderBy('id').limit(10_000).execute();
    return rows.map((r) => ({ cluster: r.cluster, scanId: r.id, createdAt: r.created_at, score: Number(r.score), bySeverity: bySeverity(r) }));
  }

  private async latestScanRow(cluster: string): Promise<ScanTable | undefined> {
    return this.db.selectFrom('clusters').innerJoin('scans', 'scans.id', 'clusters.last_scan_id').selectAll('scans').where('clusters.name', '=', cluster).executeTakeFirst();
  }

  async frameworks(cluster: string): Promise<FrameworkView[] | undefined> {
    const row = await this.latestScanRow(cluster);
    return row ? (JSON.parse(row.frameworks) as FrameworkView[]) : undefined;
  }

  async sections(cluster: string): Promise<Record<string, unknown> | undefined> {
    const row = await this.latestScanRow(cluster);
    return row ? (JSON.parse(row.sections) as Record<string, unknown>) : undefined;
  }

  async listExceptions(): Promise<ExceptionItem[]> {
    const rows = await this.db.selectFrom('exceptions').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id, checkId: r.check_id, cluster: r.cluster, namespace: r.namespace, kind: r.kind, name: r.name,
      owner: r.owner, reason: r.reason, expires: r.expires, createdAt: r.created_at,
    }));
  }

  async createException(input: ExceptionInput): Promise<ExceptionItem> {
    const item: ExceptionItem = { ...input, id: randomUUID(), createdAt: now() };
    await this.db.insertInto('exceptions').values({
      id: item.id, check_id: item.checkId, cluster: item.cluster, namespace: item.namespace, kind: item.kind, name: item.name,
      owner: item.owner, reason: item.reason, expires: item.expires, created_at: item.createdAt,
    }).execute();
    return item;
  }

  async deleteException(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('exceptions').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async addAuditAlerts(cluster: string, alerts: ReadonlyArray<Record<string, unknown>>): Promise<number> {
    const receivedAt = now();
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < alerts.length; i += BATCH) {
        await trx.insertInto('audit_alerts').values(alerts.slice(i, i + BATCH).map((a) => ({
          cluster, received_at: receivedAt, rule: String(a.rule ?? ''), severity: String(a.severity ?? ''), time: String(a.time ?? ''), alert: JSON.stringify(a),
        }))).execute();
      }
    });
    return alerts.length;
  }

  async listAuditAlerts(cluster: string | undefined, limit: number, offset: number): Promise<Page<AuditAlertItem>> {
    let q = this.db.selectFrom('audit_alerts');
    if (cluster !== undefined) q = q.where('cluster', '=', cluster);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    ]);
    return {
      total: Number(count?.n ?? 0),
      items: rows.map((r) => ({ ...(JSON.parse(r.alert) as Record<string, unknown>), id: String(r.id), cluster: r.cluster, receivedAt: r.received_at })),
    };
  }

  async metrics(): Promise<MetricsSnapshot> {
    const rows = await this.db.selectFrom('clusters').innerJoin('scans', 'scans.id', 'clusters.last_scan_id')
      .select(['clusters.name', 'clusters.last_scan_at', 'scans.critical', 'scans.high', 'scans.medium', 'scans.low', 'scans.info'])
      .orderBy('clusters.name').execute();
    return {
      findings: rows.flatMap((r) => SEVERITY_NAMES.map((severity) => ({ cluster: r.name, severity, count: Number(r[severity]) }))),
      lastScan: rows.map((r) => ({ cluster: r.name, at: r.last_scan_at })),
    };
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Open the store the `--db` value names (sqlite:PATH or postgres://…), migrating it to the latest schema. */
export async function openStore(target: DbTarget): Promise<KyselyStore> {
  return KyselyStore.open(target);
}
