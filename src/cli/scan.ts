import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, readRequestFile } from '../engine/config.js';
import { gate } from '../engine/gate.js';
import { OPTIONS, type OptionName, type ValueSource } from '../engine/options.js';
import type { Profile, ScanRequest } from '../engine/request.js';
import { scan } from '../engine/scan.js';
import type { Ctx } from './io.js';
import { useColor, UsageError } from './io.js';
import { optionValues } from './options.js';
import { inputRequest } from './inputs.js';
import { clusterRequest } from './cluster-inputs.js';
import { SCAN_OPTIONS } from './option-sets.js';
import { delayedProgress } from './progress.js';
import { parseOutputSpecs, writeOutputs } from './write-outputs.js';
import { upload, UploadError, uploadedNote, uploadTarget } from './upload.js';
import { uploadChunks } from '../report/index.js';

const IMAGE_ONLY = ['insecureRegistry', 'platform', 'db', 'requireSigned'] as const;

/** `.kubeward.yaml` for a command: --config (or KUBEWARD_CONFIG), else found upward from the first path. */
export async function commandConfig(cmd: Command, ctx: Ctx, firstPath: string | undefined) {
  const explicit = cmd.getOptionValueSource('config') === 'cli' ? (cmd.opts().config as string) : ctx.io.env.KUBEWARD_CONFIG || undefined;
  const loaded = await loadConfig(explicit, firstPath);
  for (const w of loaded.warnings) ctx.warn(w);
  return loaded;
}

/** Paths that came from the config file are relative to it; paths given as flags or env, to the working directory. */
export function pathResolver(sources: Partial<Record<OptionName, ValueSource>>, configDir: string | undefined) {
  return (name: OptionName, p: string) => (sources[name] === 'config' && configDir ? resolve(configDir, p) : p);
}

/** `kubeward scan PATH...`: flags → a ScanRequest → engine scan → report bytes. */
export async function runScan(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { config, dir } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o, sources } = optionValues(cmd, SCAN_OPTIONS, ctx.io.env, config);
  const at = pathResolver(sources, dir);
  const cluster = clusterRequest(o, sources);
  if (paths.length === 0 && !cluster) throw new UsageError('scan needs at least one path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin), or --cluster');
  if (cluster?.kubeconfig) cluster.kubeconfig = at('kubeconfig', cluster.kubeconfig);
  const { specs, errors } = parseOutputSpecs(o.format, o.outputFile, paths);
  if (errors.length) throw new UsageError(errors.join('; '));
  const imageOnly = IMAGE_ONLY.filter((n) => sources[n] === 'flag');
  if (!o.images && imageOnly.length) throw new UsageError(`${imageOnly.map((n) => `--${OPTIONS[n].flag}`).join(', ')} need${imageOnly.length === 1 ? 's' : ''} --images`);

  if (sources.clusterName === 'flag' && !o.upload) throw new UsageError('--cluster-name needs --upload');
  const target = uploadTarget(o, o.upload, '--upload');

  const progress = delayedProgress(o.progress, ctx.io.stderr);
  const request: ScanRequest = {
    ...inputRequest(paths, cluster, o, ctx, (d, t) => progress.update(d, t), at),
    pss: o.pss,
    ...(o.prioritize ? { prioritize: true } : {}),
    ...(o.weight ? { weights: o.weight } : {}),
    ...(o.showSeverity ? { showSeverities: o.showSeverity } : {}),
    profile: o.profile as Profile,
    ...(o.includeHelmTests ? { includeHelmTests: true } : {}),
    // The server's RBAC, network and object views read these sections: every upload carries them.
    ...(o.includeAnalyses || target ? { analyses: true } : {}),
    ...(o.checks ? { checks: o.checks } : {}),
    ...(o.skipChecks ? { skipChecks: o.skipChecks } : {}),
    ...(o.rules ? { rules: o.rules.map((r) => at('rules', r)) } : {}),
    ...(o.vap === false ? { vap: false } : {}),
    ...(o.framework ? { frameworks: o.framework } : {}),
    ...(config?.severity ? { severity: config.severity } : {}),
    ...(config?.checkOptions ? { checkOptions: config.checkOptions } : {}),
    ...(o.deniedRegistries ? { deniedRegistries: o.deniedRegistries } : {}),
    // The default list is the check's own: only a list the user gave overrides checkOptions.image-tag-latest.
    ...(sources.floatingTags !== 'default' ? { floatingTags: o.floatingTags } : {}),
    ...(o.exceptionsFile ? { exceptions: await readRequestFile(at('exceptionsFile', o.exceptionsFile), 'exceptions file') } : config?.exceptions ? { exceptions: config.exceptions } : {}),
    ...(o.baseline ? { baseline: await readRequestFile(at('baseline', o.baseline), 'baseline') } : {}),
    ...(o.images
      ? { images: {
          ...(o.insecureRegistry ? { insecureRegistries: o.insecureRegistry } : {}),
          ...(o.platform ? { platform: o.platform } : {}),
          ...(o.db ? { db: at('db', o.db), dbExplicit: true } : {}),
          ...(o.requireSigned ? { requireSigned: at('requireSigned', o.requireSigned) } : {}),
        } }
      : {}),
  };
  let report;
  try {
    report = await scan(request);
  } finally {
    progress.stop();
  }
  await writeOutputs(report, specs, useColor(o.color, ctx.io), ctx.io.stdout);
  // The table shows warnings itself; with any other output on stdout they would go unseen.
  if (!specs.some((s) => s.format === 'table' && !s.file)) for (const w of report.warnings) ctx.warn(w);
  const code = gate(report, o.failOn);
  if (!target) return code;
  // The report is written first: a failed upload loses nothing local, and exits 2 with the reason.
  try {
    const done = await upload('scans', () => uploadChunks(report), target, { onRetry: (m) => ctx.note(m) });
    ctx.note(uploadedNote(done, target));
  } catch (err) {
    if (!(err instanceof UploadError)) throw err;
    ctx.note(`upload failed: ${err.message}`);
    return 2;
  }
  return code;
}
