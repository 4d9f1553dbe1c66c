import { sql, type ExpressionBuilder, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Severity } from '../../model/finding.js';
import type { Database, Dialect, ExceptionTable, FindingTable } from './schema.js';
import type { FindingItem, FindingQuery, Page } from './types.js';
import { SEVERITY_RANK } from './write-scan.js';

/** Framework ids a `framework=` filter may name whole (anything else is one control, e.g. `cis-5.2.1`). */
const FRAMEWORK_IDS = ['cis', 'nsa', 'pss-baseline', 'pss-restricted', 'mitre', 'owasp'];

const today = () => new Date().toISOString().slice(0, 10);

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

/**
 * The findings explorer (`GET /api/v1/findings`): one scan, one cluster's latest or the latest scan of every cluster,
 * filtered, sorted and paged in SQL, with an exact total. `fixesOf` gives the scans' per-check fixes (rows stored
 * since migration 004 carry '' for their scan's fix).
 */
export async function queryFindings(db: Kysely<Database>, dialect: Dialect, query: FindingQuery,
  fixesOf: (scanIds: readonly string[]) => Promise<Map<string, Record<string, string>>>): Promise<Page<FindingItem>> {
  const day = query.today ?? today();
  // The exceptions in force today, read once (a handful, written by people): the status filter becomes a
  // predicate on the finding's own columns, and each page row's exception is matched here, not per row in SQL.
  const active = await db.selectFrom('exceptions').selectAll()
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
    if (query.status === 'excepted' && active.length && dialect === 'sqlite') q = q.where('findings.check_id', 'in', [...new Set(active.map((e) => e.check_id))]);
    if (query.status === 'open' && active.length) q = q.where((eb) => eb.not(eb.or(active.map((e) => covers(e, eb)))));
    return q;
  };

  const column = { severity: 'severity_rank', check: 'check_id', namespace: 'namespace', name: 'name' } as const;
  // Excepted findings are few (exceptions are narrow): on SQLite, `+severity_rank` keeps its planner from walking
  // findings_scan_severity for the order (every row of the scan) instead of the exceptions' index + a sort.
  const unindexedOrder = query.sort === 'severity' && query.status === 'excepted' && dialect === 'sqlite';
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
  const latestOf = db.selectFrom('clusters').innerJoin('scans', 'scans.id', 'clusters.last_scan_id').select('scans.seq');
  const across = query.scan === 'latest' && query.cluster === undefined
    ? (await latestOf.orderBy('clusters.name').execute()).map((r) => Number(r.seq)) : undefined;
  let q: FindingsQB = db.selectFrom('findings');
  if (across) {
    q = across.length === 0 ? q.where(sql<boolean>`1 = 0`)
      : across.length <= MAX_LISTED ? q.where('findings.scan_seq', 'in', across)
      : q.where('findings.scan_seq', 'in', latestOf);
  } else {
    const one = await (query.scan === 'latest' ? latestOf.where('clusters.name', '=', query.cluster!)
      : db.selectFrom('scans').select('scans.seq').where('scans.id', '=', query.scan)).executeTakeFirst();
    q = one ? q.where('findings.scan_seq', '=', Number(one.seq)) : q.where(sql<boolean>`1 = 0`);
    if (query.scan !== 'latest' && query.cluster !== undefined) q = q.where('findings.cluster', '=', query.cluster);
  }
  q = filter(q);
  const onlyScanFilters = query.namespace === undefined && query.kind === undefined && query.name === undefined && query.check === undefined
    && query.framework === undefined && !query.q && (query.status === 'all' || (query.status === 'open' && !active.length));
  const [rows, total] = await Promise.all([
    across ? pageAcrossScans(db, dialect, across, (seq) => filter(db.selectFrom('findings').where('findings.scan_seq', '=', seq)), ordered, query.limit, query.offset)
      : ordered(q.selectAll('findings'), 'findings').limit(query.limit).offset(query.offset).execute(),
    query.status === 'excepted' && !active.length ? Promise.resolve(0)
      : onlyScanFilters ? countFromScans(db, query)
      : unindexedOrder
        // The same plan as the page (the exceptions' index, per OR branch): counted bare (or through an indexed
        // column), SQLite may scan a whole index instead. So: a column no index holds, in a subquery with LIMIT
        // (not flattened into the count).
        ? db.selectFrom(q.select('findings.fingerprint').orderBy(sql`+findings.severity_rank`, query.order).limit(-1).as('m')).select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst().then((c) => Number(c?.n ?? 0))
        : q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst().then((c) => Number(c?.n ?? 0)),
  ]);
  const fixes = rows.some((r) => !r.fix) ? await fixesOf(rows.filter((r) => !r.fix).map((r) => r.scan_id)) : new Map<string, Record<string, string>>();
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
async function pageAcrossScans(db0: Kysely<Database>, dialect: Dialect, seqs: readonly number[], ofScan: (seq: number | RawBuilder<number>) => FindingsQB, ordered: <Q extends OrderableQB>(q: Q, from: string) => Q, limit: number, offset: number): Promise<FindingTableRow[]> {
  if (!seqs.length) return [];
  const top = offset + limit;
  const db = db0 as unknown as Kysely<Record<string, FindingTableRow>>;
  if (dialect === 'postgres') {
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
async function countFromScans(db: Kysely<Database>, query: FindingQuery): Promise<number> {
  let q = db.selectFrom('scans');
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
