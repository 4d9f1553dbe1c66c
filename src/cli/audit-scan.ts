import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { auditGate, auditRuleInfos, scanAuditLogs } from '../engine/audit-scan.js';
import { packageVersion } from '../engine/version.js';
import { renderAuditJson, renderAuditSarif, renderAuditTable } from '../report/audit.js';
import { UsageError, type Ctx } from './io.js';
import { upload, UploadError, uploadTarget } from './upload.js';
import { AUDIT_SCAN_OPTIONS, INPUT_OPTIONS } from './option-sets.js';
import { clusterRequest } from './cluster-inputs.js';
import { inputRequest } from './inputs.js';
import { optionValues } from './options.js';
import { commandConfig } from './scan.js';
import { auditSettings } from './audit-settings.js';

/** `kubeward audit scan PATH...`: flags → scanAuditLogs → alerts as table, JSON or SARIF. */
export async function runAuditScan(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { config } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o, sources: given } = optionValues(cmd, AUDIT_SCAN_OPTIONS, ctx.io.env, config);
  const { values: inputs, sources } = optionValues(cmd, INPUT_OPTIONS, ctx.io.env);
  const cluster = clusterRequest(inputs, sources);
  if (given.clusterName === 'flag' && !o.upload) throw new UsageError('--cluster-name needs --upload');
  const target = uploadTarget(o, o.upload, '--upload');
  const rbac = o.auditRbac?.length || cluster ? inputRequest(o.auditRbac ?? [], cluster, inputs, ctx) : undefined;
  const result = await scanAuditLogs({ paths, options: auditSettings(o), ...(rbac ? { rbac } : {}) });
  for (const w of result.warnings) ctx.warn(w);
  if (result.ruleErrors) ctx.warn(`${result.ruleErrors} rule evaluations failed (an event of an unexpected shape); the other rules still ran`);
  const text = o.auditFormat === 'json' ? renderAuditJson(result.alerts, result.stats)
    : o.auditFormat === 'sarif' ? renderAuditSarif(result.alerts, auditRuleInfos(), packageVersion())
    : renderAuditTable(result.alerts, result.stats);
  if (o.outputFile) await writeFile(o.outputFile, text.endsWith('\n') ? text : text + '\n');
  else ctx.out(text);
  const code = auditGate(result.alerts, o.failOn);
  if (!target) return code;
  // The alerts document (the JSON output) goes to POST /api/v1/audit-alerts, after the local output.
  const json = o.auditFormat === 'json' ? text : renderAuditJson(result.alerts, result.stats);
  try {
    const done = await upload('audit-alerts', () => [json], target, { onRetry: (m) => ctx.note(m) });
    ctx.note(`uploaded ${result.alerts.length} audit alert${result.alerts.length === 1 ? '' : 's'} for cluster ${target.cluster} (${done.status})`);
  } catch (err) {
    if (!(err instanceof UploadError)) throw err;
    ctx.note(`upload failed: ${err.message}`);
    return 2;
  }
  return code;
}
