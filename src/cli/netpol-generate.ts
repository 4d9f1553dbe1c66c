import type { Command } from 'commander';
import { parseFlows } from '../engine/netpol.js';
import { generatePolicies } from '../engine/netpol.js';
import { policiesYaml } from '../report/netpol-policies.js';
import { loadCluster } from './netpol-inputs.js';
import { UsageError, type Ctx } from './io.js';
import { optionValues } from './options.js';
import { readRequestFile } from '../engine/config.js';

/** `kubeward netpol generate --flows flows.jsonl PATH...`: policies as YAML on stdout, problems on stderr. */
export async function runNetpolGenerate(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { values: { flows: flowsFile } } = optionValues(cmd, ['flows'], ctx.io.env);
  if (!flowsFile) throw new UsageError('--flows FILE is required (JSON lines; see docs/netpol.md)');
  const { text } = await readRequestFile(flowsFile, 'flows file');
  const { cluster, inventory } = await loadCluster(paths, cmd, ctx);
  const { flows, problems } = parseFlows(text);
  for (const p of problems) ctx.warn(`${flowsFile}:${p.line}: ${p.message}`);
  const result = generatePolicies(cluster, inventory, flows);
  for (const w of result.warnings) ctx.warn(w);
  if (result.policies.length === 0) {
    ctx.note('no policy generated: no flow names a workload of the input');
    return 1;
  }
  ctx.io.stdout.write(policiesYaml(result.policies));
  return 0;
}
