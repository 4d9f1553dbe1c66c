import type { Command } from 'commander';
import { OPTIONS } from '../engine/options.js';
import { findAttackPaths, type PathsRequest } from '../engine/paths.js';
import { renderPaths, type PathsFormat } from '../report/attack-paths.js';
import { clusterRequest } from './cluster-inputs.js';
import { inputRequest } from './inputs.js';
import { UsageError, type Ctx } from './io.js';
import { PATHS_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { delayedProgress } from './progress.js';
import { commandConfig, pathResolver } from './scan.js';

const IMAGE_ONLY = ['insecureRegistry', 'platform', 'db'] as const;

/** `kubeward paths PATH...`: flags → a PathsRequest → engine findAttackPaths → the chosen format. */
export async function runPaths(paths: string[], cmd: Command, ctx: Ctx): Promise<string> {
  const { config, dir } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o, sources } = optionValues(cmd, PATHS_OPTIONS, ctx.io.env, config);
  const at = pathResolver(sources, dir);
  const cluster = clusterRequest(o, sources);
  if (paths.length === 0 && !cluster) throw new UsageError('paths needs at least one path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin), or --cluster');
  if (cluster?.kubeconfig) cluster.kubeconfig = at('kubeconfig', cluster.kubeconfig);
  if (o.pathsLimit < 0) throw new UsageError('--limit must be 0 (all) or more');
  const imageOnly = IMAGE_ONLY.filter((n) => sources[n] === 'flag');
  if (!o.images && imageOnly.length) throw new UsageError(`${imageOnly.map((n) => `--${OPTIONS[n].flag}`).join(', ')} need${imageOnly.length === 1 ? 's' : ''} --images`);
  const progress = delayedProgress(o.progress, ctx.io.stderr);
  const request: PathsRequest = {
    ...inputRequest(paths, cluster, o, ctx, (d, t) => progress.update(d, t), at),
    pss: o.pss,
    ...(config?.checkOptions ? { checkOptions: config.checkOptions } : {}),
    ...(o.weight ? { weights: o.weight } : {}),
    ...(o.pathsFrom ? { from: o.pathsFrom } : {}),
    ...(o.pathsTo ? { to: o.pathsTo } : {}),
    ...(o.images
      ? { images: {
          ...(o.insecureRegistry ? { insecureRegistries: o.insecureRegistry } : {}),
          ...(o.platform ? { platform: o.platform } : {}),
          ...(o.db ? { db: at('db', o.db), dbExplicit: true } : {}),
        } }
      : {}),
  };
  let found;
  try {
    found = await findAttackPaths(request);
  } finally {
    progress.stop();
  }
  for (const w of found.warnings) ctx.warn(w);
  return renderPaths(o.attackPathsFormat as PathsFormat, found.result, { limit: o.pathsLimit });
}
