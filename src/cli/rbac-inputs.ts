import type { Command } from 'commander';
import { loadRbac as engineLoadRbac } from '../engine/analyses.js';
import type { Ctx } from './io.js';
import { withInputs } from './inputs.js';

/** Read the inputs exactly as `scan` does and build the RBAC model; load problems and warnings go to stderr. */
export async function loadRbac(paths: string[], cmd: Command, ctx: Ctx) {
  const r = await withInputs(paths, cmd, ctx, engineLoadRbac);
  for (const w of r.warnings) ctx.warn(w);
  return r;
}
