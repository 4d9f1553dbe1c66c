import type { Severity } from '../../model/finding.js';

export type Scope = 'read' | 'write:scans' | 'admin';
export const SCOPES: readonly Scope[] = ['read', 'write:scans', 'admin'];

export interface TokenInfo {
  id: string;
  scope: Scope;
  /** The one cluster a `write:scans` token may upload for; null for the other scopes. */
  cluster: string | null;
}

export type BySeverity = Record<Severity, number>;

export interface ScanSummary {
  id: string;
  cluster: string;
  createdAt: string;
  findings: number;
  score: number;
  bySeverity: BySeverity;
}

export interface FrameworkSummary {
  id: string;
  name: string;
  /** 0–100, null when the framework evaluated nothing. */
  score: number | null;
  passed: number;
  failed: number;
  notEvaluated: number;
}

export interface ControlView {
  id: string;
  name: string;
  status: 'passed' | 'failed' | 'not-evaluated';
  findings: number;
}

export interface FrameworkView {
  id: string;
  name: string;
  score: number | null;
  controls: ControlView[];
}

export interface ScanDetail extends ScanSummary {
  scannedAt: string | null;
  frameworks: FrameworkSummary[];
}

export interface ClusterSummary {
  name: string;
  lastScanId: string;
  lastScanAt: string;
  score: number;
  bySeverity: BySeverity;
}

/** A finding as the API serves it: the stored row (evidence parsed back) with its scan, cluster and exception status. */
export interface FindingItem extends Omit<FindingRow, 'evidence' | 'fingerprint'> {
  id: string;
  scanId: string;
  cluster: string;
  evidence: { found?: string | number | boolean | null; expected?: string } | null;
  status: 'open' | 'excepted';
  exceptionId: string | null;
}

export const FINDING_SORTS = ['severity', 'check', 'namespace', 'name'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export interface FindingQuery {
  cluster?: string | undefined;
  /** 'latest' (the latest scan of each cluster, or of `cluster`) or a scan id. */
  scan: string;
  namespace?: string | undefined;
  kind?: string | undefined;
  name?: string | undefined;
  check?: string | undefined;
  severity?: Severity[] | undefined;
  /** A framework (`cis`) or one of its controls (`cis-5.2.1`). */
  framework?: string | undefined;
  status: 'open' | 'excepted' | 'all';
  /** Case-insensitive substring of the check id, title, message, object name or namespace. */
  q?: string | undefined;
  sort: FindingSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** "Now" for exception expiry (YYYY-MM-DD); today by default. */
  today?: string;
}

export interface ExceptionInput {
  checkId: string;
  cluster: string | null;
  namespace: string | null;
  kind: string | null;
  name: string | null;
  owner: string;
  reason: string;
  expires: string | null;
}

export interface ExceptionItem extends ExceptionInput {
  id: string;
  createdAt: string;
}

export interface TrendPoint {
  cluster: string;
  scanId: string;
  createdAt: string;
  score: number;
  bySeverity: BySeverity;
}

export interface AuditAlertItem {
  id: string;
  cluster: string;
  receivedAt: string;
  [key: string]: unknown;
}

/** One finding as stored: already redacted (see ingest.ts). */
export interface FindingRow {
  checkId: string;
  title: string;
  severity: Severity;
  category: string;
  kind: string;
  namespace: string;
  name: string;
  container: string;
  file: string;
  line: number;
  message: string;
  /** The fix; '' when it is the scan's fix for this check (ScanMeta.fixes: stored once per scan, not per row). */
  fix: string;
  frameworks: string[];
  evidence: string | null;
  fingerprint: string;
}

/** What a scan is besides its findings: known once every finding of the upload has been read. */
export interface ScanMeta {
  id: string;
  cluster: string;
  scannedAt: string | null;
  score: number;
  bySeverity: BySeverity;
  frameworks: FrameworkView[];
  sections: Record<string, unknown>;
  /** Each check's fix text (the first finding's); findings whose fix is that text carry fix ''. */
  fixes: Record<string, string>;
}

/** A validated upload, ready to store. */
export interface PreparedScan extends ScanMeta {
  findings: FindingRow[];
}

/**
 * An upload read as a stream: its findings in batches, as they arrive, then (after the last batch) `meta()`.
 * A batch source that throws (a malformed line, a body over the limit, a broken connection) stores nothing.
 */
export interface ScanStream {
  id: string;
  cluster: string;
  batches: AsyncIterable<FindingRow[]>;
  meta(): ScanMeta;
}

export interface MetricsSnapshot {
  findings: Array<{ cluster: string; severity: Severity; count: number }>;
  lastScan: Array<{ cluster: string; at: string }>;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** The server's storage: one interface, a kysely implementation for SQLite and PostgreSQL (kysely-store.ts). */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  createToken(scope: Scope, cluster: string | null): Promise<{ token: string; info: TokenInfo }>;
  countTokens(): Promise<number>;
  findToken(token: string): Promise<TokenInfo | undefined>;
  createSession(tokenId: string, ttlSeconds: number): Promise<string>;
  findSession(sessionId: string): Promise<TokenInfo | undefined>;
  deleteSession(sessionId: string): Promise<void>;
  /** Store a scan; `created: false` when the id was already stored (the upload is idempotent). */
  putScan(scan: PreparedScan): Promise<{ created: boolean; scan: ScanSummary }>;
  /** Store a scan read as a stream (all or nothing); an id already stored is answered `created: false` and its body drained. */
  putScanStream(scan: ScanStream): Promise<{ created: boolean; scan: ScanSummary }>;
  getScan(id: string): Promise<ScanDetail | undefined>;
  listScans(cluster: string | undefined, limit: number, offset: number): Promise<Page<ScanSummary>>;
  listClusters(): Promise<ClusterSummary[]>;
  queryFindings(query: FindingQuery): Promise<Page<FindingItem>>;
  trends(cluster: string | undefined, since: string): Promise<TrendPoint[]>;
  frameworks(cluster: string): Promise<FrameworkView[] | undefined>;
  /** The analysis sections of the latest scan of `cluster` (undefined: no scan). */
  sections(cluster: string): Promise<Record<string, unknown> | undefined>;
  latestScanId(cluster: string): Promise<string | undefined>;
  listExceptions(): Promise<ExceptionItem[]>;
  createException(input: ExceptionInput): Promise<ExceptionItem>;
  deleteException(id: string): Promise<boolean>;
  addAuditAlerts(cluster: string, alerts: ReadonlyArray<Record<string, unknown>>): Promise<number>;
  listAuditAlerts(cluster: string | undefined, limit: number, offset: number): Promise<Page<AuditAlertItem>>;
  metrics(): Promise<MetricsSnapshot>;
  close(): Promise<void>;
}
