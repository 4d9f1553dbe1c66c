import type { Command } from 'commander';
import { parseFlows } from '../analysis/netpol/flows.js';
import { generatePolicies } from '../analysis/netpol/generate.js';
import { policiesYaml } from '../report/netpol-policies.js';
import { readTextFile } from '../sources/config-file.js';
import { loadCluster } from './netpol-inputs.js';
import { UsageError } from './scan.js';

/** `kubeward netpol generate --flows flows.jsonl PATH...`: policies as YAML on stdout, problems on stderr. */
export async function runNetpolGenerate(paths: string[], cmd: Command): Promise<number> {
  const { flows: flowsFile } = cmd.opts<{ flows?: string }>();
  if (!flowsFile) throw new UsageError('--flows FILE is required (JSON lines; see docs/netpol.md)');
  const text = await readTextFile(flowsFile, 'flows file');
  const { cluster, inventory } = await loadCluster(paths, cmd);
  const { flows, problems } = parseFlows(text);
  for (const p of problems) process.stderr.write(`kubeward: warning: ${flowsFile}:${p.line}: ${p.message}\n`);
  const result = generatePolicies(cluster, inventory, flows);
  for (const w of result.warnings) process.stderr.write(`kubeward: warning: ${w}\n`);
  if (result.policies.length === 0) {
    process.stderr.write('kubeward: no policy generated: no flow names a workload of the input\n');
    return 1;
  }
  process.stdout.write(policiesYaml(result.policies));
  return 0;
}
