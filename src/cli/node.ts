import type { Command } from 'commander';
import { readRequestFile } from '../engine/config.js';
import { gate } from '../engine/gate.js';
import type { Profile, ScanRequest } from '../engine/request.js';
import { scan } from '../engine/scan.js';
import type { Ctx } from './io.js';
import { useColor, UsageError } from './io.js';
import { NODE_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { commandConfig, pathResolver } from './scan.js';
import { parseOutputSpecs, writeOutputs } from './write-outputs.js';

/** `kubeward node [--root DIR]`: flags → a ScanRequest of the node → engine scan → report bytes. */
export async function runNode(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { config, dir } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o, sources } = optionValues(cmd, NODE_OPTIONS, ctx.io.env, config);
  const at = pathResolver(sources, dir);
  const { specs, errors } = parseOutputSpecs(o.format, o.outputFile, paths);
  if (errors.length) throw new UsageError(errors.join('; '));
  const request: ScanRequest = {
    paths,
    node: { root: at('nodeRoot', o.nodeRoot) },
    env: ctx.io.env,
    ...(o.showSeverity ? { showSeverities: o.showSeverity } : {}),
    profile: o.profile as Profile,
    ...(o.checks ? { checks: o.checks } : {}),
    ...(o.skipChecks ? { skipChecks: o.skipChecks } : {}),
    ...(o.framework ? { frameworks: o.framework } : {}),
    ...(config?.severity ? { severity: config.severity } : {}),
    ...(config?.checkOptions ? { checkOptions: config.checkOptions } : {}),
    ...(o.exceptionsFile ? { exceptions: await readRequestFile(at('exceptionsFile', o.exceptionsFile), 'exceptions file') } : {}),
    ...(o.baseline ? { baseline: await readRequestFile(at('baseline', o.baseline), 'baseline') } : {}),
  };
  const report = await scan(request);
  await writeOutputs(report, specs, useColor(o.color, ctx.io), ctx.io.stdout);
  if (!specs.some((s) => s.format === 'table' && !s.file)) for (const w of report.warnings) ctx.warn(w);
  return gate(report, o.failOn);
}
