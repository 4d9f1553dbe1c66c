import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { auditGate, auditRuleInfos, scanAuditLogs } from '../engine/audit-scan.js';
import { packageVersion } from '../engine/version.js';
import { renderAuditJson, renderAuditSarif, renderAuditTable } from '../report/audit.js';
import type { Ctx } from './io.js';
import { AUDIT_SCAN_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { commandConfig } from './scan.js';
import { auditSettings } from './audit-settings.js';

/** `kubeward audit scan PATH...`: flags → scanAuditLogs → alerts as table, JSON or SARIF. */
export async function runAuditScan(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { config } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o } = optionValues(cmd, AUDIT_SCAN_OPTIONS, ctx.io.env, config);
  const result = await scanAuditLogs({ paths, options: auditSettings(o) });
  for (const w of result.warnings) ctx.warn(w);
  if (result.ruleErrors) ctx.warn(`${result.ruleErrors} rule evaluations failed (an event of an unexpected shape); the other rules still ran`);
  const text = o.auditFormat === 'json' ? renderAuditJson(result.alerts, result.stats)
    : o.auditFormat === 'sarif' ? renderAuditSarif(result.alerts, auditRuleInfos(), packageVersion())
    : renderAuditTable(result.alerts, result.stats);
  if (o.outputFile) await writeFile(o.outputFile, text.endsWith('\n') ? text : text + '\n');
  else ctx.out(text);
  return auditGate(result.alerts, o.failOn);
}
