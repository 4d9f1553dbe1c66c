import type { Command } from 'commander';
import { loadNetwork } from '../engine/analyses.js';
import type { Ctx } from './io.js';
import { withInputs } from './inputs.js';

/** Read the inputs as `scan` does and build the network view; load problems and policy problems go to stderr. */
export async function loadCluster(paths: string[], cmd: Command, ctx: Ctx) {
  const r = await withInputs(paths, cmd, ctx, loadNetwork);
  for (const w of r.warnings) ctx.warn(w);
  return r;
}
