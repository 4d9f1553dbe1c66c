import { AUDIT_RULES, type AuditOptions } from '../audit/index.js';
import type { AuditAlert, AuditReadStats, AuditRuleInfo } from '../model/audit.js';
import { atLeast, type Severity } from '../model/finding.js';
import { auditLogFiles, emptyReadStats, readAuditLogs, MAX_EVENT_BYTES } from '../sources/audit/read-audit-log.js';
import { loadRbac } from './analyses.js';
import { createAuditEngine } from './audit.js';
import { subjectPowers } from './audit-subject.js';
import { RequestError } from './errors.js';
import type { InputRequest } from './request.js';

export interface AuditScanRequest {
  /** Audit log files (JSON lines, plain or gzip) and directories of them, read in order. */
  paths: string[];
  options?: Partial<AuditOptions>;
  maxEventBytes?: number;
  /** RBAC to read (manifests or a live cluster): each alert then says what its subject can do (`subjectCan`). */
  rbac?: InputRequest;
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
  let powersOf: ReturnType<typeof subjectPowers> | undefined;
  if (req.rbac) {
    const rbac = await loadRbac(req.rbac);
    warnings.push(...rbac.warnings);
    powersOf = subjectPowers(rbac.model);
  }
  const alerts: AuditAlert[] = [];
  for await (const { event } of readAuditLogs(files, stats, (w) => warnings.push(w), req.maxEventBytes ?? MAX_EVENT_BYTES)) {
    for (const a of engine.process(event)) {
      if (powersOf && event.user?.username) a.subjectCan = powersOf(event.user.username, Array.isArray(event.user.groups) ? event.user.groups.filter((g): g is string => typeof g === 'string') : [], event.objectRef?.namespace);
      alerts.push(a);
    }
  }
  // Lines were read and none was an audit event: not an audit log, so nothing was judged (never a clean pass).
  const skipped = stats.malformed + stats.oversized + stats.truncated;
  if (stats.events === 0 && skipped > 0) {
    throw new RequestError(`no audit event could be read (${stats.malformed} malformed, ${stats.oversized} oversized, ${stats.truncated} cut-off line${skipped === 1 ? '' : 's'} in ${stats.files} file${stats.files === 1 ? '' : 's'}): audit scan reads JSON lines of audit.k8s.io/v1 Events, as the API server's log backend writes them (--audit-log-format=json)`);
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
