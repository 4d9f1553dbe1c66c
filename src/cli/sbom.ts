import type { Command } from 'commander';
import { applicationSbom } from '../engine/application-sbom.js';
import { UsageError, type Ctx } from './io.js';
import { SBOM_OPTIONS } from './option-sets.js';
import { optionValues } from './options.js';
import { inputRequest } from './inputs.js';
import { commandConfig, pathResolver } from './scan.js';
import { checkOutputFile, writeOut } from './write-outputs.js';

/** `kubeward sbom PATH... [--images]`: one CycloneDX BOM for the application the manifests describe. */
export async function runSbom(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  if (paths.length === 0) throw new UsageError('sbom needs at least one path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)');
  const { config, dir } = await commandConfig(cmd, ctx, paths[0]);
  const { values: o, sources } = optionValues(cmd, SBOM_OPTIONS, ctx.io.env, config);
  const at = pathResolver(sources, dir);
  checkOutputFile(o.outputFile, paths);
  const { text, warnings } = await applicationSbom({
    ...inputRequest(paths, undefined, o, ctx, undefined, at),
    ...(o.images
      ? { images: { ...(o.insecureRegistry ? { insecureRegistries: o.insecureRegistry } : {}), ...(o.platform ? { platform: o.platform } : {}), ...(o.db ? { db: at('db', o.db), dbExplicit: true } : {}) } }
      : {}),
  });
  await writeOut(text, o.outputFile, ctx.io.stdout);
  for (const w of warnings) ctx.warn(w);
  return 0;
}
