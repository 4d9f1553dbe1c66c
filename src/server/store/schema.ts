import type { Generated } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/** The tables (migrations/*.ts create them). Timestamps are ISO-8601 UTC text in both databases. */
export interface TokenTable {
  id: string;
  hash: string;
  scope: string;
  cluster: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 hex of the session id the cookie carries. */
  hash: string;
  token_id: string;
  created_at: string;
  expires_at: string;
}

export interface ClusterTable {
  name: string;
  last_scan_id: string;
  last_scan_at: string;
}

export interface ScanTable {
  id: string;
  cluster: string;
  created_at: string;
  scanned_at: string | null;
  score: number;
  findings: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
  /** JSON: the framework summaries with per-control finding counts. */
  frameworks: string;
  /** JSON: analysis sections the report carried besides findings (rbac, netpol, exposure, images), or "{}". */
  sections: string;
  /** JSON: each check's fix text in this scan (migration 004); a finding row's own `fix` is '' when it is this one. */
  fixes: string;
  /** The scan's number (migration 005; 1, 2, … in upload order): what its finding rows and their indexes carry. */
  seq: number;
}

export interface FindingTable {
  id: Generated<number>;
  scan_id: string;
  /** scans.seq of scan_id: the explorer's indexes lead with this 4-byte number rather than the 36-character id. */
  scan_seq: number;
  cluster: string;
  check_id: string;
  title: string;
  severity: string;
  /** critical 4 … info 0: sorting by severity is sorting by this. */
  severity_rank: number;
  category: string;
  kind: string;
  namespace: string;
  name: string;
  container: string;
  file: string;
  line: number;
  message: string;
  fix: string;
  /** `|cis-5.2.1|nsa-…|`: the framework refs, delimited for LIKE. */
  frameworks: string;
  /** JSON of the redacted evidence, or null. */
  evidence: string | null;
  fingerprint: string;
}

export interface ExceptionTable {
  id: string;
  check_id: string;
  cluster: string | null;
  namespace: string | null;
  kind: string | null;
  name: string | null;
  owner: string;
  reason: string;
  /** YYYY-MM-DD, the last day the exception holds; null: no expiry. */
  expires: string | null;
  created_at: string;
}

export interface AuditAlertTable {
  id: Generated<number>;
  cluster: string;
  received_at: string;
  rule: string;
  severity: string;
  time: string;
  /** JSON of the alert. */
  alert: string;
}

export interface Database {
  tokens: TokenTable;
  sessions: SessionTable;
  clusters: ClusterTable;
  scans: ScanTable;
  findings: FindingTable;
  exceptions: ExceptionTable;
  audit_alerts: AuditAlertTable;
}
