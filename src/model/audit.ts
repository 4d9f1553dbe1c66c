import type { Severity } from './finding.js';

/**
 * A Kubernetes audit event (`audit.k8s.io/v1` Event) as the API server writes it: the log backend one per line,
 * the webhook backend as the items of an EventList. Only the fields kubeward reads are typed; every other field
 * is kept as read (unknown fields are fine).
 */
export interface AuditEvent {
  kind?: string;
  apiVersion?: string;
  level?: string;
  auditID?: string;
  stage?: string;
  requestURI?: string;
  verb?: string;
  user?: AuditUser;
  impersonatedUser?: AuditUser;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: AuditObjectRef;
  responseStatus?: { code?: number; status?: string; reason?: string; message?: string };
  requestObject?: unknown;
  responseObject?: unknown;
  requestReceivedTimestamp?: string;
  stageTimestamp?: string;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface AuditUser {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface AuditObjectRef {
  resource?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiGroup?: string;
  apiVersion?: string;
  resourceVersion?: string;
  subresource?: string;
}

/**
 * One alert: one rule on one event (`kubeward audit scan -o json`, the audit sink's alerts file). The fields are a
 * documented contract (docs/schemas/AuditAlerts.schema.json): `auditID` joins the alert back to the log.
 */
export interface AuditAlert {
  rule: string;
  severity: Severity;
  auditID: string;
  /** When the request was received (requestReceivedTimestamp, else stageTimestamp), as written in the event. */
  time: string;
  /** The authenticated user name (the impersonating one when the request impersonates). */
  user: string;
  verb: string;
  objectRef: AuditObjectRef | null;
  /** What happened, with no secret value in it. */
  message: string;
}

/** What reading audit events met that was not an event (the reader's counts and warnings). */
export interface AuditReadStats {
  files: number;
  lines: number;
  events: number;
  malformed: number;
  oversized: number;
  truncated: number;
}

/** What a report needs of an audit rule (its metadata, as `src/audit/define.ts` declares it). */
export interface AuditRuleInfo {
  id: string;
  title: string;
  severity: Severity;
  mitre: string[];
  description: string;
  response: string;
}
