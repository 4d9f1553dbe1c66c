import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { isDockerfileCheck, runDockerfileChecks } from '../analysis/run-dockerfile-checks.js';
import type { CheckOptions } from '../checks/define.js';
import { CHECKS } from '../checks/index.js';
import { buildReport } from '../engine/build-report.js';
import { isSeverity, type Severity } from '../model/finding.js';
import { Inventory } from '../model/inventory.js';
import { applyPolicy } from '../policy/apply-policy.js';
import { exitCodeFor } from '../policy/fail-on.js';
import { describeConflictingChecks, describeUnknownChecks, selectChecks } from '../policy/select-checks.js';
import { readDockerfiles } from '../sources/dockerfile/read.js';
import { resolveOptions, SCAN_OPTIONS } from './options.js';
import { loadConfig, UsageError, useColor } from './scan.js';
import { packageVersion } from './version.js';
import { parseOutputSpecs, writeOutputs } from './write-outputs.js';
import { redact } from '../model/redact.js';

/** The scan options that mean the same for Dockerfiles. */
export const DOCKERFILE_OPTIONS = SCAN_OPTIONS.filter((o) => ['output', 'outputFile', 'failOn', 'checks', 'skipChecks', 'config', 'color'].includes(o.key));

function buildArgs(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of list ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`--build-arg expects NAME=value (got "${a}")`);
    out[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return out;
}

/** `kubeward dockerfile scan PATH...`: build-time checks on Dockerfiles, through the same findings and report pipeline as `scan`. */
export async function runDockerfileScan(paths: string[], cmd: Command): Promise<number> {
  if (paths.length === 0) throw new UsageError('dockerfile scan needs at least one path (a Dockerfile, a directory, or - for stdin)');
  const flags = cmd.opts();
  const explicitConfig = cmd.getOptionValueSource('config') === 'cli' ? (flags.config as string) : process.env.KUBEWARD_CONFIG;
  const { config } = await loadConfig(explicitConfig, paths[0]);
  const o = resolveOptions(DOCKERFILE_OPTIONS, flags, (a) => cmd.getOptionValueSource(a) === 'cli', process.env, config as Record<string, unknown> | undefined);
  const failOn = o.failOn as string | undefined;
  if (failOn !== undefined && !isSeverity(failOn)) throw new UsageError(`--fail-on must be one of critical, high, medium, low, info (got "${failOn}")`);
  const { specs, errors } = parseOutputSpecs(o.output as string[], o.outputFile as string | undefined, paths);
  if (errors.length) throw new UsageError(errors.join('; '));
  const { selected: chosen, unknown, conflicts } = selectChecks(CHECKS, { checks: o.checks as string[] | undefined, skipChecks: o.skipChecks as string[] | undefined });
  if (unknown.length) throw new UsageError(describeUnknownChecks(unknown, CHECKS));
  if (conflicts.length) throw new UsageError(describeConflictingChecks(conflicts)!);
  const selected = chosen.filter(isDockerfileCheck);
  const problemCheck = chosen.find((c) => c.id === 'invalid-manifest');

  const read = readDockerfiles(paths, { buildArgs: buildArgs(flags.buildArg as string[] | undefined), stdin: () => readFileSync(0, 'utf8') });
  const checkOptions = (config?.checkOptions ?? {}) as Record<string, CheckOptions>;
  const findings = runDockerfileChecks(selected, read.dockerfiles, { checkOptions, ...(problemCheck ? { problemCheck } : {}) });
  const ran = problemCheck ? [...selected, problemCheck] : selected;
  const policy = applyPolicy(findings, { checks: CHECKS, ran, severityOverrides: (config?.severity ?? {}) as Record<string, Severity>, now: new Date() });
  const report = buildReport({
    version: packageVersion(),
    scannedAt: new Date(),
    files: read.dockerfiles.length,
    inventory: new Inventory([]),
    checks: ran,
    findings: policy.findings,
    suppressed: policy.suppressed,
    warnings: [...read.errors, ...policy.warnings],
  });
  await writeOutputs(report, specs, useColor(o.color, process.stdout));
  if (!specs.some((s) => s.format === 'table' && !s.file)) for (const w of report.warnings) process.stderr.write(`kubeward: warning: ${redact(w)}\n`);
  if (read.errors.length && read.dockerfiles.length === 0) return 2;
  return exitCodeFor(report.findings, failOn as Severity | undefined);
}
