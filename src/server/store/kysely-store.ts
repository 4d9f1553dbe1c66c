import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Severity } from '../../model/finding.js';
import { newSessionId, newToken, sha256Hex } from '../auth/tokens.js';
import { openDatabase, pgPool, sqliteHandle, type DbTarget } from './connect.js';
import type { Database, ExceptionTable, FindingTable, ScanTable } from './schema.js';
import { copyScan, insertScanSqlite, now, SEVERITY_RANK } from './write-scan.js';
import type {
  AuditAlertItem, BySeverity, ClusterSummary, ExceptionInput, ExceptionItem, FindingItem, FindingQuery, FrameworkView, MetricsSnapshot,
  Page, PreparedScan, ScanDetail, ScanStream, ScanSummary, Scope, Store, TokenInfo, TrendPoint,
} from './types.js';

const SEVERITY_NAMES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
/** Framework ids a `framework=` filter may name whole (anything else is one control, e.g. `cis-5.2.1`). */
const FRAMEWORK_IDS = ['cis', 'nsa', 'pss-baseline', 'pss-restricted', 'mitre', 'owasp'];
/** Audit alerts per INSERT: 6 columns × 500 stays well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 500;

const today = () => new Date().toISOString().slice(0, 10);

function bySeverity(row: Pick<ScanTable, Severity>): BySeverity {
  return { critical: Number(row.critical), high: Number(row.high), medium: Number(row.medium), low: Number(row.low), info: Number(row.info) };
}

function scanSummary(row: ScanTable): ScanSummary {
  return { id: row.id, cluster: row.cluster, createdAt: row.created_at, findings: Number(row.findings), score: Number(row.score), bySeverity: bySeverity(row) };
}

function likePattern(text: string): string {
  return '%' + text.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

type FindingsQB = SelectQueryBuilder<Database, 'findings', object>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OrderableQB = SelectQueryBuilder<any, any, any>;
/** A stored finding row as a query returns it. */
type FindingTableRow = Selectable<FindingTable>;
/** Terms per UNION ALL (SQLite's limit is 500). */
const COMPOUND_TERMS = 400;
/** Scans given as a list (`scan_seq IN (...)`) rather than a subquery: a parameter each, far below either database's limit. */
const MAX_LISTED = 5000;

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
    const day = query.today ?? today();
    // The exceptions in force today, read once (a handful, written by people): the status filter becomes a
    // predicate on the finding's own columns, and each page row's exception is matched here, not per row in SQL.
    const active = await this.db.selectFrom('exceptions').selectAll()
      .where((w) => w.or([w('expires', 'is', null), w('expires', '>=', day)])).orderBy('id').execute();
    const covers = (e: ExceptionTable, eb: ExpressionBuilder<Database, 'findings'>) => eb.and([
      eb('findings.check_id', '=', e.check_id),
      ...(['cluster', 'namespace', 'kind', 'name'] as const).flatMap((k) => (e[k] === null ? [] : [eb(`findings.${k}`, '=', e[k]!)])),
    ]);
    // Every filter but the scan's.
    const ranks = query.severity?.length ? [...new Set(query.severity.map((v) => SEVERITY_RANK[v]))] : undefined;
    const filter = (q: FindingsQB): FindingsQB => {
      // Literals from SEVERITY_RANK, not parameters. One severity as `between r and r`, not `= r`: with `=` PostgreSQL
      // drops severity from the sort and may walk the rows in id order hoping to meet that severity early; a range
      // keeps the order findings_scan_severity (scan_seq, severity_rank desc, id) gives.
      if (ranks) {
        q = q.where(ranks.length === 1
          ? sql<boolean>`findings.severity_rank between ${sql.raw(String(ranks[0]))} and ${sql.raw(String(ranks[0]))}`
          : sql<boolean>`findings.severity_rank in (${sql.raw(ranks.join(', '))})`);
      }
      if (query.namespace !== undefined) q = q.where('findings.namespace', '=', query.namespace);
      if (query.kind !== undefined) q = q.where('findings.kind', '=', query.kind);
      if (query.name !== undefined) q = q.where('findings.name', '=', query.name);
      if (query.check !== undefined) q = q.where('findings.check_id', '=', query.check);
      if (query.framework !== undefined) {
        const f = query.framework.toLowerCase();
        const pattern = FRAMEWORK_IDS.includes(f) ? `%|${f}-%` : `%|${f}|%`;
        q = q.where(sql<boolean>`lower(findings.frameworks) like ${pattern.replace(/_/g, '\\_')} escape '\\'`);
      }
      if (query.q) {
        const p = likePattern(query.q);
        const like = (col: string) => sql<boolean>`lower(${sql.ref(col)}) like ${p} escape '\\'`;
        q = q.where((eb) => eb.or([like('findings.check_id'), like('findings.title'), like('findings.message'), like('findings.name'), like('findings.namespace')]));
      }
      if (query.status === 'excepted') q = active.length ? q.where((eb) => eb.or(active.map((e) => covers(e, eb)))) : q.where(sql<boolean>`1 = 0`);
      // Redundant (each branch names its check) but it steers SQLite to findings_scan_check, one range per excepted
      // check, instead of walking all the scan's rows in findings_scan_severity.
      if (query.status === 'excepted' && active.length && this.dialect === 'sqlite') q = q.where('findings.check_id', 'in', [...new Set(active.map((e) => e.check_id))]);
      if (query.status === 'open' && active.length) q = q.where((eb) => eb.not(eb.or(active.map((e) => covers(e, eb)))));
      return q;
    };

    const column = { severity: 'severity_rank', check: 'check_id', namespace: 'namespace', name: 'name' } as const;
    // Excepted findings are few (exceptions are narrow): on SQLite, `+severity_rank` keeps its planner from walking
    // findings_scan_severity for the order (every row of the scan) instead of the exceptions' index + a sort.
    const unindexedOrder = query.sort === 'severity' && query.status === 'excepted' && this.dialect === 'sqlite';
    /** The explorer's order on the rows of `from` (`findings`, or the merged per-scan pages). */
    const ordered = <Q extends OrderableQB>(q: Q, from: string): Q => {
      const ref = (c: string) => sql.ref(`${from}.${c}`);
      let o = q.orderBy(unindexedOrder && from === 'findings' ? sql`+findings.severity_rank` : ref(column[query.sort]), query.order);
      if (query.sort === 'namespace') o = o.orderBy(ref('name'), query.order);
      if (query.sort !== 'severity') o = o.orderBy(ref('severity_rank'), 'desc');
      return o.orderBy(ref('id'), 'asc') as Q;
    };

    // The scans the query covers, by number (scans.seq, what the indexes lead with), read first: one scan (an id, or
    // one cluster's latest), or the latest scan of every cluster (`across`: each read through its own index ranges,
    // for the page and for the count).
    const latestOf = this.db.selectFrom('clusters').innerJoin('scans', 'scans.id', 'clusters.last_scan_id').select('scans.seq');
    const across = query.scan === 'latest' && query.cluster === undefined
      ? (await latestOf.orderBy('clusters.name').execute()).map((r) => Number(r.seq)) : undefined;
    let q: FindingsQB = this.db.selectFrom('findings');
    if (across) {
      q = across.length === 0 ? q.where(sql<boolean>`1 = 0`)
        : across.length <= MAX_LISTED ? q.where('findings.scan_seq', 'in', across)
        : q.where('findings.scan_seq', 'in', latestOf);
    } else {
      const one = await (query.scan === 'latest' ? latestOf.where('clusters.name', '=', query.cluster!)
        : this.db.selectFrom('scans').select('scans.seq').where('scans.id', '=', query.scan)).executeTakeFirst();
      q = one ? q.where('findings.scan_seq', '=', Number(one.seq)) : q.where(sql<boolean>`1 = 0`);
      if (query.scan !== 'latest' && query.cluster !== undefined) q = q.where('findings.cluster', '=', query.cluster);
    }
    q = filter(q);
    const onlyScanFilters = query.namespace === undefined && query.kind === undefined && query.name === undefined && query.check === undefined
      && query.framework === undefined && !query.q && (query.status === 'all' || (query.status === 'open' && !active.length));
    const [rows, total] = await Promise.all([
      across ? this.pageAcrossScans(across, (seq) => filter(this.db.selectFrom('findings').where('findings.scan_seq', '=', seq)), ordered, query.limit, query.offset)
        : ordered(q.selectAll('findings'), 'findings').limit(query.limit).offset(query.offset).execute(),
      query.status === 'excepted' && !active.length ? Promise.resolve(0)
        : onlyScanFilters ? this.countFromScans(query)
        : unindexedOrder
          // The same plan as the page (the exceptions' index, per OR branch): counted bare (or through an indexed
          // column), SQLite may scan a whole index instead. So: a column no index holds, in a subquery with LIMIT
          // (not flattened into the count).
          ? this.db.selectFrom(q.select('findings.fingerprint').orderBy(sql`+findings.severity_rank`, query.order).limit(-1).as('m')).select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst().then((c) => Number(c?.n ?? 0))
          : q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst().then((c) => Number(c?.n ?? 0)),
    ]);
    const fixes = rows.some((r) => !r.fix) ? await this.scanFixes(rows.filter((r) => !r.fix).map((r) => r.scan_id)) : new Map<string, Record<string, string>>();
    const exceptionOf = (r: (typeof rows)[number]) => active.find((e) => e.check_id === r.check_id
      && (['cluster', 'namespace', 'kind', 'name'] as const).every((k) => e[k] === null || e[k] === r[k]))?.id ?? null;
    return {
      total,
      items: rows.map((r) => {
        const exceptionId = exceptionOf(r);
        return {
          id: String(r.id), scanId: r.scan_id, cluster: r.cluster, checkId: r.check_id, title: r.title, severity: r.severity as Severity,
          category: r.category, kind: r.kind, namespace: r.namespace, name: r.name, container: r.container, file: r.file, line: Number(r.line),
          message: r.message, fix: r.fix || (fixes.get(r.scan_id)?.[r.check_id] ?? ''), frameworks: r.frameworks ? r.frameworks.slice(1, -1).split('|') : [],
          evidence: r.evidence ? JSON.parse(r.evidence) : null,
          status: exceptionId ? 'excepted' : 'open', exceptionId,
        };
      }),
    };
  }

  /**
   * A page of several scans (the latest of every cluster): each scan's own first `offset + limit` rows in the explorer's order
   * (read through that scan's index ranges: findings_scan_severity for the default order and a severity filter,
   * findings_scan_check for a check or the exceptions), merged in SQL into the page. Sorting every latest row instead
   * took seconds at 10 M stored findings; this reads at most (offset + limit) rows per cluster.
   */
  private async pageAcrossScans(seqs: readonly number[], ofScan: (seq: number | RawBuilder<number>) => FindingsQB, ordered: <Q extends OrderableQB>(q: Q, from: string) => Q, limit: number, offset: number): Promise<FindingTableRow[]> {
    if (!seqs.length) return [];
    const top = offset + limit;
    const db = this.db as unknown as Kysely<Record<string, FindingTableRow>>;
    if (this.dialect === 'postgres') {
      // One subquery, run once per scan (LATERAL): planning a UNION of as many subqueries took longer than running it.
      return ordered(db.selectFrom(sql`unnest(${sql.val(seqs)}::integer[])`.as('s'))
        .innerJoinLateral(() => ordered(ofScan(sql<number>`s.s`).selectAll('findings'), 'findings').limit(top).as('f'), (join) => join.onTrue())
        .selectAll('f'), 'f').limit(limit).offset(offset).execute() as Promise<FindingTableRow[]>;
    }
    const merged = (parts: Array<SelectQueryBuilder<any, any, FindingTableRow>>): SelectQueryBuilder<any, any, FindingTableRow> => {
      // SQLite allows at most 500 terms in one UNION ALL: more clusters are merged in groups, then the groups.
      if (parts.length > COMPOUND_TERMS) {
        const groups: Array<SelectQueryBuilder<any, any, FindingTableRow>> = [];
        for (let i = 0; i < parts.length; i += COMPOUND_TERMS) groups.push(merged(parts.slice(i, i + COMPOUND_TERMS)));
        return merged(groups);
      }
      const wrapped = parts.map((p, k) => db.selectFrom(p.as(`p${k}`)).selectAll(`p${k}`));
      const union = wrapped.slice(1).reduce((u, p) => u.unionAll(p), wrapped[0]!);
      return ordered(db.selectFrom(union.as('u')).selectAll('u'), 'u').limit(top);
    };
    const pages = seqs.map((seq) => ordered(ofScan(seq).selectAll('findings'), 'findings').limit(top) as unknown as SelectQueryBuilder<any, any, FindingTableRow>);
    return ordered(db.selectFrom(merged(pages).as('m')).selectAll('m'), 'm').limit(limit).offset(offset).execute();
  }

  /** `total` of a query filtered only by scan, cluster and severity: the stored scans' per-severity counts (exact). */
  private async countFromScans(query: FindingQuery): Promise<number> {
    let q = this.db.selectFrom('scans');
    if (query.scan === 'latest') {
      q = query.cluster !== undefined
        ? q.where('scans.id', '=', (eb) => eb.selectFrom('clusters').select('last_scan_id').where('name', '=', query.cluster!))
        : q.where('scans.id', 'in', (eb) => eb.selectFrom('clusters').select('last_scan_id'));
    } else {
      q = q.where('scans.id', '=', query.scan);
      if (query.cluster !== undefined) q = q.where('scans.cluster', '=', query.cluster);
    }
    const columns = query.severity?.length ? [...new Set(query.severity)] : ['findings' as const];
    const rows = await q.select(columns.map((c) => `scans.${c}` as const)).execute();
    return rows.reduce((n, r) => n + columns.reduce((m, c) => m + Number((r as Record<string, unknown>)[c]), 0), 0);
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
