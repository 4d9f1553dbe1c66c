import type { Command } from 'commander';
import { snapshot } from '../engine/snapshot.js';
import { UsageError, type Ctx } from './io.js';
import { clusterRequest } from './cluster-inputs.js';
import { SNAPSHOT_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { inputRequest } from './inputs.js';
import { delayedProgress } from './progress.js';
import { commandConfig, pathResolver } from './scan.js';
import { checkOutputFile, writeOut } from './write-outputs.js';

/** `kubeward snapshot --cluster [-o FILE]`: the collected objects as one `kind: List` JSON that `kubeward scan` reads. */
export async function runSnapshot(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { config, dir } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o, sources } = optionValues(cmd, SNAPSHOT_OPTIONS, ctx.io.env, config);
  const at = pathResolver(sources, dir);
  const cluster = clusterRequest(o, sources);
  if (paths.length === 0 && !cluster) throw new UsageError('snapshot needs --cluster (or paths to read)');
  if (cluster?.kubeconfig) cluster.kubeconfig = at('kubeconfig', cluster.kubeconfig);
  checkOutputFile(o.snapshotOutput, paths);
  const progress = delayedProgress(o.progress, ctx.io.stderr);
  let snap;
  try {
    snap = await snapshot(inputRequest(paths, cluster, o, ctx, (d, t) => progress.update(d, t), at));
  } finally {
    progress.stop();
  }
  await writeOut(snap.text, o.snapshotOutput, ctx.io.stdout);
  for (const w of snap.warnings) ctx.warn(w);
  if (o.snapshotOutput) ctx.note(`${snap.objects} object${snap.objects === 1 ? '' : 's'} written to ${o.snapshotOutput}`);
  return 0;
}
