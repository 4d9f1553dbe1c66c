/**
 * `npm run bench:server [-- --scans 1000 --findings 10000 --db postgres,sqlite] [--explain 'status excepted']` — the kubeward server at scale.
 *
 * For each database (a throwaway PostgreSQL from test/helpers/postgres.ts, and a SQLite file):
 *  1. load: SCANS stored scans × FINDINGS findings (default 1,000 × 10,000 = 10 M) over 50 clusters, bulk-loaded in
 *     SQL (generate_series / a recursive CTE: the store's own schema and indexes, synthetic but realistic values:
 *     60 checks, 5 severities, 200 namespaces, 6 kinds, framework refs), plus a few exceptions;
 *  2. the findings explorer: 12 filtered, sorted, paged queries through the store's own `queryFindings` (the SQL
 *     the API runs), each 15 times: p50 and p95 over all;
 *  3. upload: a 100k-finding report (real findings of examples/insecure-app.yaml, repeated with varied objects)
 *     streamed as NDJSON (what scan --upload sends) by the upload client, on a worker thread of its own, to the
 *     real server (buildServer on that store) vs `JSON.parse` of the report's JSON text (`-o json`), in the same run:
 *     the ratio (goal ≤ 2×), and the CPU the upload took in this Node process (server + client thread) and in
 *     PostgreSQL's processes (Linux /proc). Like the parse (best of 3), the best of 3 first uploads of a cluster and
 *     of 3 next uploads of one cluster (each replaces that cluster's latest scan), with the medians.
 * Times are wall-clock on whatever machine runs it; the ratios are what to compare.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { scan } from '../src/engine/scan.js';
import { ndjsonChunks, renderJson } from '../src/report/json.js';
import { buildServer } from '../src/server/app.js';
import type { FindingQuery } from '../src/server/store/types.js';
import { openStore, type KyselyStore } from '../src/server/store/kysely-store.js';
import { sqliteHandle } from '../src/server/store/connect.js';
import { startPostgres } from '../test/helpers/postgres.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const SCANS = Number(arg('scans', '1000'));
const PER_SCAN = Number(arg('findings', '10000'));
const DBS = arg('db', 'postgres,sqlite').split(',');
const UPLOAD_FINDINGS = Number(arg('upload', '100000'));
const CLUSTERS = 50;
const REPEAT = 15;
/** `--explain NAME`: print SQLite's EXPLAIN QUERY PLAN of each statement the named explorer query runs. */
const EXPLAIN = arg('explain', '');

const ms = (t0: number) => performance.now() - t0;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

// What the load generates, as SQL over a row number g (0-based). Both dialects: || concatenation, % modulo.
function findingSelect(perScan: number): string {
  const checks = 60;
  return `
    'scan-' || (g / ${perScan}) AS scan_id,
    (g / ${perScan}) + 1 AS scan_seq,
    'cluster-' || ((g / ${perScan}) % ${CLUSTERS}) AS cluster,
    'check-' || (g % ${checks}) AS check_id,
    'Title of check ' || (g % ${checks}) AS title,
    CASE (g % ${checks}) % 10 WHEN 0 THEN 'critical' WHEN 1 THEN 'high' WHEN 2 THEN 'high' WHEN 3 THEN 'medium' WHEN 4 THEN 'medium' WHEN 5 THEN 'medium' WHEN 6 THEN 'low' WHEN 7 THEN 'low' ELSE 'info' END AS severity,
    CASE (g % ${checks}) % 10 WHEN 0 THEN 4 WHEN 1 THEN 3 WHEN 2 THEN 3 WHEN 3 THEN 2 WHEN 4 THEN 2 WHEN 5 THEN 2 WHEN 6 THEN 1 WHEN 7 THEN 1 ELSE 0 END AS severity_rank,
    'workload' AS category,
    CASE (g / 7) % 6 WHEN 0 THEN 'Deployment' WHEN 1 THEN 'StatefulSet' WHEN 2 THEN 'DaemonSet' WHEN 3 THEN 'CronJob' WHEN 4 THEN 'Pod' ELSE 'Job' END AS kind,
    'ns-' || ((g / 13) % 200) AS namespace,
    'app-' || ((g / 3) % 2000) AS name,
    'main' AS container,
    'cluster://c/ns/Deployment/app' AS file,
    0 AS line,
    'container "main" of workload app-' || ((g / 3) % 2000) || ' does something risky (' || (g % 97) || ')' AS message,
    'Set the field to a safe value.' AS fix,
    '|cis-5.2.' || (g % 13) || '|nsa-pod-security|pss-restricted-' || (g % 7) || '|' AS frameworks,
    NULL AS evidence,
    'fp-' || g AS fingerprint`;
}

const COLUMNS = 'scan_id, scan_seq, cluster, check_id, title, severity, severity_rank, category, kind, namespace, name, container, file, line, message, fix, frameworks, evidence, fingerprint';

async function load(store: KyselyStore, dialect: 'postgres' | 'sqlite'): Promise<number> {
  const db = (store as unknown as { db: import('kysely').Kysely<any> }).db;
  const t0 = performance.now();
  const total = SCANS * PER_SCAN;
  const chunk = 1_000_000;
  // Indexes are dropped during the load and made again after it (what a bulk load does); their build time counts.
  const indexes = dialect === 'postgres'
    ? (await sql<{ indexdef: string; indexname: string }>`select indexname, indexdef from pg_indexes where tablename = 'findings' and indexname <> 'findings_pkey'`.execute(db)).rows.map((r) => ({ name: r.indexname, def: r.indexdef }))
    : (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'findings' and sql is not null`.execute(db)).rows.map((r) => ({ name: r.name, def: r.sql }));
  for (const i of indexes) await sql.raw(`drop index ${i.name}`).execute(db);
  for (let from = 0; from < total; from += chunk) {
    const to = Math.min(total, from + chunk) - 1;
    const source = dialect === 'postgres'
      ? `from generate_series(${from}::bigint, ${to}::bigint) as s(g)`
      : `from (with recursive s(g) as (select ${from} union all select g + 1 from s where g < ${to}) select g from s)`;
    await sql.raw(`insert into findings (${COLUMNS}) select ${findingSelect(PER_SCAN)} ${source}`).execute(db);
    process.stderr.write(`  ${dialect}: ${(to + 1).toLocaleString()} findings loaded (${(ms(t0) / 1000).toFixed(0)} s)\n`);
  }
  for (const i of indexes) await sql.raw(i.def).execute(db);
  const day = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 3_600_000).toISOString();
  for (let s = 0; s < SCANS; s += 500) {
    const rows = Array.from({ length: Math.min(500, SCANS - s) }, (_, k) => {
      const i = s + k;
      return { id: `scan-${i}`, cluster: `cluster-${i % CLUSTERS}`, created_at: day(i), scanned_at: day(i), score: 50 + (i % 50), findings: PER_SCAN,
        critical: PER_SCAN / 10, high: PER_SCAN / 5, medium: (PER_SCAN * 3) / 10, low: PER_SCAN / 5, info: PER_SCAN / 5, frameworks: '[]', sections: '{}', fixes: '{}', seq: i + 1 };
    });
    await db.insertInto('scans').values(rows).execute();
  }
  // The latest scan of each cluster: the last SCANS/CLUSTERS-th round.
  for (let c = 0; c < CLUSTERS; c++) {
    const last = SCANS - CLUSTERS + c;
    await db.insertInto('clusters').values({ name: `cluster-${c}`, last_scan_id: `scan-${last}`, last_scan_at: day(last) }).execute();
  }
  // Uploads number their scans after the loaded ones.
  if (dialect === 'postgres') await sql.raw(`select setval('scan_seqs', ${SCANS + 1}, false)`).execute(db);
  for (const [i, check] of ['check-3', 'check-17', 'check-42'].entries()) {
    await store.createException({ checkId: check, cluster: null, namespace: `ns-${i * 10}`, kind: null, name: null, owner: 'bench', reason: 'bench', expires: null });
  }
  // PostgreSQL: VACUUM too, as autovacuum keeps a live database; else it starts on the 10 M fresh rows (insert
  // threshold) while the uploads are measured, and its CPU counts as theirs.
  await sql.raw(dialect === 'postgres' ? 'vacuum analyze' : 'analyze').execute(db);
  return ms(t0);
}

const QUERIES: Array<[string, Partial<FindingQuery>]> = [
  ['latest, all clusters, by severity', {}],
  ['one cluster', { cluster: 'cluster-7' }],
  ['one cluster, high+critical', { cluster: 'cluster-7', severity: ['critical', 'high'] }],
  ['all clusters, critical', { severity: ['critical'] }],
  ['namespace', { cluster: 'cluster-3', namespace: 'ns-42' }],
  ['check', { check: 'check-10' }],
  ['framework cis', { cluster: 'cluster-9', framework: 'cis' }],
  ['search q', { cluster: 'cluster-9', q: 'app-1234' }],
  ['status open', { cluster: 'cluster-2', status: 'open' }],
  ['status excepted', { status: 'excepted' }],
  ['sort by name, page 20', { cluster: 'cluster-5', sort: 'name', order: 'asc', offset: 1000 }],
  ['one old scan by id', { scan: 'scan-10', severity: ['high'] }],
];

async function explorer(store: KyselyStore): Promise<{ p50: number; p95: number; perQuery: Array<[string, number, number]> }> {
  const all: number[] = [];
  const perQuery: Array<[string, number, number]> = [];
  for (const [name, q] of QUERIES) {
    const times: number[] = [];
    const raw = name === EXPLAIN ? sqliteHandle(store.kysely) : undefined;
    if (raw) {
      const prepare = raw.prepare.bind(raw);
      raw.prepare = ((text: string) => {
        const stmt = prepare(text);
        const all = stmt.all.bind(stmt);
        (stmt as unknown as { all: (...a: unknown[]) => unknown }).all = (...a: unknown[]) => {
          if (/^select/i.test(text)) process.stderr.write(`  ${text}\n${(prepare(`explain query plan ${text}`).all(...a) as Array<{ detail: string }>).map((r) => `    ${r.detail}`).join('\n')}\n`);
          return all(...a);
        };
        return stmt;
      }) as typeof raw.prepare;
      await store.queryFindings({ scan: 'latest', status: 'all', sort: 'severity', order: 'desc', limit: 50, offset: 0, ...q });
      raw.prepare = prepare as typeof raw.prepare;
    }
    for (let i = 0; i < REPEAT; i++) {
      const t0 = performance.now();
      const page = await store.queryFindings({ scan: 'latest', status: 'all', sort: 'severity', order: 'desc', limit: 50, offset: 0, ...q });
      times.push(ms(t0));
      if (i === 0 && page.items.length === 0 && name !== 'status excepted') process.stderr.write(`  warning: query "${name}" returned nothing\n`);
    }
    all.push(...times);
    perQuery.push([name, pct(times, 50), pct(times, 95)]);
  }
  return { p50: pct(all, 50), p95: pct(all, 95), perQuery };
}

/** A report of `n` findings (the real findings of examples/insecure-app.yaml, repeated over varied objects): its JSON and its NDJSON upload body. */
async function bigReport(n: number): Promise<{ json: string; ndjson: string }> {
  const report = await scan({ paths: ['examples/insecure-app.yaml'] });
  const base = report.findings;
  const findings = Array.from({ length: n }, (_, i) => {
    const f = base[i % base.length]!;
    const k = Math.floor(i / base.length);
    return { ...f, fingerprint: `${f.fingerprint}-${i}`, ...(f.object ? { object: { ...f.object, name: `${f.object.name}-${k}`, namespace: `ns-${k % 100}` } } : {}) };
  });
  const big = { ...report, findings };
  return { json: renderJson(big), ndjson: [...ndjsonChunks(big)].join('') };
}

/** CPU ticks (1/100 s) used so far by each PostgreSQL process on this machine (Linux /proc; none elsewhere). */
function postgresTicks(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, Number(fields[11]) + Number(fields[12])); // utime + stime
    } catch { /* gone meanwhile */ }
  }
  return out;
}

/** CPU ms PostgreSQL's processes used since `before` (a process that ended meanwhile is not counted; one that started is). */
function postgresCpuMsSince(before: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, t] of postgresTicks()) ticks += t - (before.get(pid) ?? 0);
  return ticks * 10; // USER_HZ = 100 on Linux
}

interface UploadRun { uploadMs: number; nodeCpuMs: number; pgCpuMs: number }
interface UploadMeasure { parseMs: number; first: UploadRun[]; again: UploadRun[] }

/** The best of a kind of upload as `ms · ratio · CPU` of that run, and the median's ratio. */
function uploadCell(runs: readonly UploadRun[], parseMs: number): string {
  const sorted = [...runs].sort((a, b) => a.uploadMs - b.uploadMs);
  const best = sorted[0]!;
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${best.uploadMs.toFixed(0)} · **${(best.uploadMs / parseMs).toFixed(1)}×** (median ${(median.uploadMs / parseMs).toFixed(1)}×) · ${(best.nodeCpuMs / 1000).toFixed(1)} + ${(best.pgCpuMs / 1000).toFixed(1)} s`;
}

async function uploadRatio(store: KyselyStore, { json: text, ndjson }: { json: string; ndjson: string }): Promise<UploadMeasure> {
  const app = await buildServer({ store, maxUploadBytes: 512 * 1024 * 1024 });
  const server = await app.listen({ host: '127.0.0.1', port: 0 });
  const { token } = await store.createToken('admin', null);
  let parseMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    JSON.parse(text);
    parseMs = Math.min(parseMs, ms(t0));
  }
  // The client (the NDJSON body scan --upload sends) on its own thread, as an agent in another pod.
  const worker = new Worker(new URL('./upload-client-worker.mjs', import.meta.url), {
    workerData: { body: ndjson, server, token },
  });
  const next = () => new Promise<{ ready?: boolean; status?: number; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await next();
  const once = async (cluster: string): Promise<UploadRun> => {
    const cpu0 = process.cpuUsage();
    const pg0 = postgresTicks();
    const t0 = performance.now();
    const done = next();
    worker.postMessage({ cluster });
    const r = await done;
    const uploadMs = ms(t0);
    const cpu = process.cpuUsage(cpu0);
    if (r.status !== 201) throw new Error(`upload answered ${r.status ?? r.error}`);
    return { uploadMs, nodeCpuMs: (cpu.user + cpu.system) / 1000, pgCpuMs: postgresCpuMsSince(pg0) };
  };
  // Like the parse (the best of 3), each kind of upload 3 times: the first scan of a new cluster (3 clusters), then
  // 3 more scans of one of them, each replacing its latest scan.
  const first: UploadRun[] = [];
  for (const c of ['upload-bench-1', 'upload-bench-2', 'upload-bench-3']) first.push(await once(c));
  const again: UploadRun[] = [];
  for (let i = 0; i < 3; i++) again.push(await once('upload-bench-1'));
  await worker.terminate();
  await app.close();
  return { parseMs, first, again };
}

const results: string[] = [];
const text = await bigReport(UPLOAD_FINDINGS);
process.stderr.write(`upload report: ${UPLOAD_FINDINGS.toLocaleString()} findings, JSON ${(text.json.length / 1048576).toFixed(1)} MiB, NDJSON ${(text.ndjson.length / 1048576).toFixed(1)} MiB\n`);
for (const dialect of DBS as Array<'postgres' | 'sqlite'>) {
  const tmp = mkdtempSync(join(tmpdir(), 'kubeward-bench-'));
  const pg = dialect === 'postgres' ? await startPostgres({ sharedBuffers: '128MB' }) : undefined;
  try {
    const store = await openStore(dialect === 'postgres' ? { dialect, location: pg!.url } : { dialect, location: join(tmp, 'bench.db') });
    process.stderr.write(`${dialect}: loading ${SCANS.toLocaleString()} scans × ${PER_SCAN.toLocaleString()} findings\n`);
    const loadMs = await load(store, dialect);
    const q = await explorer(store);
    const up = await uploadRatio(store, text);
    await store.close();
    results.push(`| ${dialect} | ${(SCANS * PER_SCAN).toLocaleString()} | ${(loadMs / 1000).toFixed(0)} s | ${q.p50.toFixed(1)} | **${q.p95.toFixed(1)}** | ${up.parseMs.toFixed(0)} | ${uploadCell(up.first, up.parseMs)} | ${uploadCell(up.again, up.parseMs)} |`);
    process.stderr.write(`${dialect}: per query (p50 / p95 ms):\n${q.perQuery.map(([n, a, b]) => `  ${n}: ${a.toFixed(1)} / ${b.toFixed(1)}`).join('\n')}\n`);
  } finally {
    await pg?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
const k = `${UPLOAD_FINDINGS / 1000}k`;
console.log(`| db | findings stored | load | explorer p50 ms | explorer p95 ms | JSON.parse ${k} ms | first upload ${k} of a cluster, best of 3: ms · ÷ parse · CPU Node + PostgreSQL | next upload ${k} of that cluster, best of 3 |`);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) console.log(r);
