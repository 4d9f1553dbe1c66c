import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { AuditAlert, AuditReadStats, AuditRuleInfo } from '../model/audit.js';
import { severityRank, type Severity } from '../model/finding.js';
import { jsonDocument } from './json-document.js';
import { SARIF_SCHEMA_URI, SECURITY_SEVERITY, sarifLevel } from './sarif.js';
import { terminalText } from './terminal-text.js';

/** `kubeward audit scan -o json`: `{"schemaVersion","kind":"AuditAlerts","alerts":[...],"stats":{...}}` (docs/schemas/AuditAlerts.schema.json). */
export function renderAuditJson(alerts: readonly AuditAlert[], stats: AuditReadStats): string {
  return jsonDocument('AuditAlerts', { alerts, stats });
}

/** One alert as one JSON line (the audit sink's alerts file and stdout). */
export function auditAlertLine(alert: AuditAlert): string {
  return JSON.stringify(alert);
}

function objectText(a: AuditAlert): string {
  const r = a.objectRef;
  if (!r) return '-';
  return `${r.resource ?? '?'}${r.subresource ? `/${r.subresource}` : ''}${r.namespace ? ` ${r.namespace}/` : ' '}${r.name ?? '*'}`;
}

/** The alerts, most severe first (then in stream order), and a summary of what was read. */
export function renderAuditTable(alerts: readonly AuditAlert[], stats: AuditReadStats): string {
  const sorted = alerts.map((a, i) => ({ a, i })).sort((x, y) => severityRank(x.a.severity) - severityRank(y.a.severity) || x.i - y.i).map((x) => x.a);
  const lines = sorted.map((a) => `${a.severity.toUpperCase().padEnd(9)}${terminalText(a.rule).padEnd(32)}${terminalText(a.time)}  ${terminalText(a.user)}  ${terminalText(a.verb)} ${terminalText(objectText(a))}\n         ${terminalText(a.message)}`);
  const counts = new Map<Severity, number>();
  for (const a of alerts) counts.set(a.severity, (counts.get(a.severity) ?? 0) + 1);
  const bySeverity = [...counts].sort((x, y) => severityRank(x[0]) - severityRank(y[0])).map(([s, n]) => `${n} ${s}`).join(', ');
  const skipped = [stats.malformed && `${stats.malformed} malformed`, stats.oversized && `${stats.oversized} oversized`, stats.truncated && `${stats.truncated} cut off`].filter(Boolean).join(', ');
  lines.push(`${alerts.length} alert${alerts.length === 1 ? '' : 's'}${bySeverity ? ` (${bySeverity})` : ''} from ${stats.events} event${stats.events === 1 ? '' : 's'} in ${stats.files} file${stats.files === 1 ? '' : 's'}${skipped ? `; lines skipped: ${skipped}` : ''}`);
  return lines.join('\n');
}

/** SARIF 2.1.0: one result per alert, its location the logical object of the request (no file: the log is the artifact). */
export function renderAuditSarif(alerts: readonly AuditAlert[], rules: readonly AuditRuleInfo[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${r.description}\n\nResponse: ${r.response}\n\nMITRE ATT&CK: ${r.mitre.join(', ')}` },
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: { tags: ['security', 'audit', ...r.mitre.map((t) => `mitre/${t}`)], 'security-severity': SECURITY_SEVERITY[r.severity], severity: r.severity },
  }));
  const results: Result[] = alerts.map((a) => ({
    ruleId: a.rule,
    ...(index.has(a.rule) ? { ruleIndex: index.get(a.rule)! } : {}),
    level: sarifLevel(a.severity),
    message: { text: a.message },
    locations: [{ logicalLocations: [{ name: a.objectRef?.name ?? a.objectRef?.resource ?? a.verb, fullyQualifiedName: objectText(a), kind: 'resource' }] }],
    partialFingerprints: { 'kubeward-audit/v1': `${a.auditID}/${a.rule}` },
    properties: { severity: a.severity, auditID: a.auditID, time: a.time, user: a.user, verb: a.verb },
  }));
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'kubeward', version, rules: descriptors } }, results }],
  };
  return JSON.stringify(log, null, 2);
}
