/** The shapes of the server's JSON (docs/openapi.yaml; SERVER-CONTRACT.md). */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export type BySeverity = Partial<Record<Severity, number>>;

export interface List<T> {
  items: T[];
  total: number;
}

export interface Me {
  scopes: string[];
  cluster: string | null;
}

export interface Cluster {
  name: string;
  lastScanId: string | null;
  lastScanAt: string | null;
  score: number | null;
  bySeverity: BySeverity;
}

export interface TrendPoint {
  cluster: string;
  scanId: string;
  createdAt: string;
  score: number | null;
  bySeverity: BySeverity;
}

export interface Finding {
  id: string | number;
  scanId: string;
  cluster: string;
  checkId: string;
  title: string;
  severity: Severity;
  category?: string;
  kind: string;
  namespace: string | null;
  name: string;
  container?: string | null;
  file?: string | null;
  line?: number | null;
  message: string;
  /** What was seen and what was expected (already redacted by the scanner and again by the server). */
  evidence?: { found?: unknown; expected?: unknown } | null;
  fix?: string | null;
  frameworks?: string[];
  status: 'open' | 'excepted';
  exceptionId?: string | number | null;
}

export interface Control {
  id: string;
  name: string;
  status: 'passed' | 'failed' | 'not-evaluated';
  findings: number;
}

export interface Framework {
  id: string;
  name: string;
  score: number | null;
  controls: Control[];
}

export interface ObjectView {
  object: { cluster: string; namespace: string | null; kind: string; name: string };
  findings: Finding[];
  rbac: unknown;
  exposure: unknown;
  images: unknown[] | null;
}

export interface Exception {
  id: string | number;
  checkId: string;
  cluster: string | null;
  namespace: string | null;
  kind: string | null;
  name: string | null;
  owner: string;
  reason: string;
  expires: string | null;
  createdAt: string;
}

export interface AuditAlert {
  [key: string]: unknown;
}

/** /api/v1/rbac and /api/v1/netpol: a section of the latest scan, or `{available: false}`. */
export type Section = { available: false } | ({ available?: true } & Record<string, unknown>);
