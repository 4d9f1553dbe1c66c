import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { CHECKS } from '../checks/index.js';
import type { CheckOptions } from '../checks/define.js';
import { analyse } from '../engine/scan.js';
import { buildReport } from '../engine/build-report.js';
import { isSeverity, type Severity } from '../model/finding.js';
import { applyPolicy } from '../policy/apply-policy.js';
import { parseBaseline } from '../policy/baseline.js';
import { parseConfig, type KubewardConfig } from '../policy/config.js';
import { parseExceptions } from '../policy/exceptions.js';
import { exitCodeFor } from '../policy/fail-on.js';
import { describeConflictingChecks, describeUnknownChecks, selectChecks } from '../policy/select-checks.js';
import { objectLookup } from '../policy/object-lookup.js';
import { findConfig, readTextFile } from '../sources/config-file.js';
import { readInputs } from '../sources/read-inputs.js';
import { parsePssSetting } from '../frameworks/pss-policy.js';
import { FRAMEWORK_IDS, findFramework } from '../frameworks/catalog.js';
import { frameworkCompliance } from '../analysis/compliance.js';
import { attrName, envName, resolveOptions, SCAN_OPTIONS } from './options.js';
import { delayedProgress } from './progress.js';
import { packageVersion } from './version.js';
import { parseOutputSpecs, writeOutputs } from './write-outputs.js';
import { imageRules } from './image-rules-list.js';
import { imageOptionsFrom, scanWorkloadImages, workloadImageChecks } from './scan-images.js';
import { redact } from '../model/redact.js';

export class UsageError extends Error {}

export async function loadConfig(explicit: string | undefined, firstPath: string | undefined): Promise<{ config?: KubewardConfig; dir?: string }> {
  let found: { file: string; text: string } | undefined;
  if (explicit) found = { file: explicit, text: await readTextFile(explicit, 'config file') };
  else if (firstPath && firstPath !== '-') found = await findConfig(firstPath);
  if (!found) return {};
  const { config, errors } = parseConfig(found.text, found.file);
  if (errors.length) throw new UsageError(errors.join('; '));
  return { config, dir: dirname(resolve(found.file)) };
}

export function useColor(opt: unknown, stream: NodeJS.WriteStream): boolean {
  if (opt === false || process.env.NO_COLOR !== undefined) return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** `kubeward scan PATH...`: the whole pipeline, sources → inventory → checks → policy → reports. */
export async function runScan(paths: string[], cmd: Command): Promise<number> {
  if (paths.length === 0) throw new UsageError('scan needs at least one path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)');
  const flags = cmd.opts();
  const explicitConfig = cmd.getOptionValueSource('config') === 'cli' ? (flags.config as string) : process.env.KUBEWARD_CONFIG;
  const { config, dir: configDir } = await loadConfig(explicitConfig, paths[0]);
  const o = resolveOptions(SCAN_OPTIONS, flags, (a) => cmd.getOptionValueSource(a) === 'cli', process.env, config as Record<string, unknown> | undefined);
  // Paths that came from the config file are relative to it; paths given as flags, to the working directory.
  const fromConfig = (key: string, p: string) => {
    const decl = SCAN_OPTIONS.find((d) => d.key === key)!;
    const fromFile = cmd.getOptionValueSource(attrName(decl)) !== 'cli' && process.env[envName(decl)] === undefined;
    return fromFile && configDir ? resolve(configDir, p) : p;
  };

  const failOn = o.failOn as string | undefined;
  if (failOn !== undefined && !isSeverity(failOn)) throw new UsageError(`--fail-on must be one of critical, high, medium, low, info (got "${failOn}")`);
  const { specs, errors } = parseOutputSpecs(o.output as string[], o.outputFile as string | undefined, paths);
  if (errors.length) throw new UsageError(errors.join('; '));
  const { selected: chosen, unknown, conflicts } = selectChecks(CHECKS, { checks: o.checks as string[] | undefined, skipChecks: o.skipChecks as string[] | undefined });
  if (unknown.length) throw new UsageError(describeUnknownChecks(unknown, CHECKS));
  if (conflicts.length) throw new UsageError(describeConflictingChecks(conflicts)!);
  // Dockerfile checks run in `kubeward dockerfile scan`: a manifest scan never evaluates (or counts) them.
  const selected = chosen.filter((c) => c.subject !== 'dockerfile');

  const pss = parsePssSetting(String(o.pss ?? 'latest'));
  if ('error' in pss) throw new UsageError(pss.error);
  const frameworkIds = (o.framework as string[] | undefined) ?? [];
  const frameworks = frameworkIds.map((id) => findFramework(id));
  const badFramework = frameworkIds.find((_, i) => !frameworks[i]);
  if (badFramework !== undefined) throw new UsageError(`--framework must be one of ${FRAMEWORK_IDS.join(', ')} (got "${badFramework}")`);

  const exceptionsPath = o.exceptionsFile as string | undefined;
  const exceptions = exceptionsPath ? parseExceptions(await readTextFile(fromConfig('exceptionsFile', exceptionsPath), 'exceptions file'), exceptionsPath) : undefined;
  if (exceptions?.errors.length) throw new UsageError(exceptions.errors.join('; '));
  const baselinePath = o.baseline as string | undefined;
  let baseline: Set<string> | undefined;
  if (baselinePath) {
    const parsed = parseBaseline(await readTextFile(fromConfig('baseline', baselinePath), 'baseline'));
    if ('error' in parsed) throw new UsageError(`${baselinePath}: ${parsed.error}`);
    baseline = parsed.fingerprints;
  }

  const imageOpts = o['images.enabled'] === true ? imageOptionsFrom(o, (k, p) => fromConfig(k, p)) : undefined;
  const imageOnly = SCAN_OPTIONS.filter((d) => d.key.startsWith('images.') && d.key !== 'images.enabled' && cmd.getOptionValueSource(attrName(d)) === 'cli');
  if (!imageOpts && imageOnly.length) throw new UsageError(`${imageOnly.map((d) => `--${d.flag}`).join(', ')} need${imageOnly.length === 1 ? 's' : ''} --images`);

  const progress = delayedProgress(o.progress !== false);
  const read = await readInputs(paths, {
    helm: {
      releaseName: o['helm.releaseName'] as string,
      ...(o['helm.namespace'] ? { namespace: o['helm.namespace'] as string } : {}),
      ...(o['helm.values'] ? { values: (o['helm.values'] as string[]).map((v) => fromConfig('helm.values', v)) } : {}),
      ...(o['helm.set'] ? { set: o['helm.set'] as string[] } : {}),
    },
    onProgress: (d, t) => progress.update(d, t),
  });
  progress.stop();

  const checkOptions = (config?.checkOptions ?? {}) as Record<string, CheckOptions>;
  const { inventory, findings, ran } = analyse({ objects: read.loaded.objects, problems: read.loaded.problems, checks: selected, checkOptions, pss });
  const images = imageOpts ? await scanWorkloadImages(inventory, imageOpts) : undefined;
  if (images) findings.push(...images.findings);
  // Image rules are named like checks in severity overrides and exceptions (known always; run with --images).
  const rules = imageRules().map(({ rule }) => rule);
  const policy = applyPolicy(findings, {
    checks: [...CHECKS, ...rules],
    ran: images ? [...ran, ...rules] : ran,
    severityOverrides: (config?.severity ?? {}) as Record<string, Severity>,
    exceptions: exceptions?.exceptions ?? [],
    baseline,
    lookupObject: objectLookup(inventory.objects),
    now: new Date(),
  });
  const report = buildReport({
    ...(images ? { extraChecks: workloadImageChecks(images.evaluated) } : {}),
    version: packageVersion(),
    scannedAt: new Date(),
    files: read.files,
    inventory,
    checks: ran,
    pss,
    findings: policy.findings,
    suppressed: policy.suppressed,
    warnings: [...read.warnings, ...(images?.warnings ?? []), ...policy.warnings],
    ...(frameworks.length
      ? { compliance: frameworks.map((f) => frameworkCompliance(f!, { inventory, allChecks: CHECKS, ran, findings: policy.findings, inputs: ['manifests'], pss })) }
      : {}),
  });
  await writeOutputs(report, specs, useColor(o.color, process.stdout));
  // The table shows warnings itself; with any other output on stdout they would go unseen.
  if (!specs.some((s) => s.format === 'table' && !s.file)) for (const w of report.warnings) process.stderr.write(`kubeward: warning: ${redact(w)}\n`);
  return exitCodeFor(report.findings, failOn as Severity | undefined);
}
