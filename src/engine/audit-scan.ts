import { AUDIT_RULES, type AuditOptions } from '../audit/index.js';
import type { AuditAlert, AuditReadStats, AuditRuleInfo } from '../model/audit.js';
import { atLeast, type Severity } from '../model/finding.js';
import { auditLogFiles, emptyReadStats, readAuditLogs, MAX_EVENT_BYTES } from '../sources/audit/read-audit-log.js';
import { createAuditEngine } from './audit.js';
import { RequestError } from './errors.js';

export interface AuditScanRequest {
  /** Audit log files (JSON lines, plain or gzip) and directories of them, read in order. */
  paths: string[];
  options?: Partial<AuditOptions>;
  maxEventBytes?: number;
}

export interface AuditScanResult {
  alerts: AuditAlert[];
  stats: AuditReadStats;
  warnings: string[];
  /** Rules that threw on some event (each counted once per event). */
  ruleErrors: number;
}

/** `kubeward audit scan`: every event of the files through every audit rule, in order (stateful rules see the stream). */
export async function scanAuditLogs(req: AuditScanRequest): Promise<AuditScanResult> {
  if (!req.paths.length) throw new RequestError('no audit log given (kubeward audit scan FILE...)');
  let files: string[];
  try {
    files = await auditLogFiles(req.paths);
  } catch (err) {
    throw new RequestError((err as Error).message);
  }
  const engine = createAuditEngine(req.options);
  const stats = emptyReadStats();
  const warnings: string[] = [];
  const alerts: AuditAlert[] = [];
  for await (const { event } of readAuditLogs(files, stats, (w) => warnings.push(w), req.maxEventBytes ?? MAX_EVENT_BYTES)) {
    for (const a of engine.process(event)) alerts.push(a);
  }
  return { alerts, stats, warnings, ruleErrors: engine.ruleErrors };
}

/** The rules' metadata, for reports (SARIF rule descriptors, the README table). */
export function auditRuleInfos(): AuditRuleInfo[] {
  return AUDIT_RULES.map((r) => ({ id: r.id, title: r.title, severity: r.severity, mitre: r.mitre, description: r.description, response: r.response }));
}

/** Exit code of an audit scan: 1 when an alert is at or above `failOn`, else 0. */
export function auditGate(alerts: readonly AuditAlert[], failOn: Severity | undefined): number {
  return failOn && alerts.some((a) => atLeast(a.severity, failOn)) ? 1 : 0;
}
