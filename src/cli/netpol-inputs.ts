import { Option, type Command } from 'commander';
import { buildCluster, type Cluster } from '../analysis/netpol/cluster.js';
import { analyse } from '../engine/scan.js';
import type { Inventory } from '../model/inventory.js';
import { readInputs } from '../sources/read-inputs.js';
import { resolveOptions, SCAN_OPTIONS } from './options.js';
import { UsageError } from './scan.js';

/** The scan's Helm options, so netpol commands read exactly the inputs `scan` reads. */
const INPUT_OPTIONS = SCAN_OPTIONS.filter((o) => o.key.startsWith('helm.'));

export function addInputOptions(cmd: Command): Command {
  for (const o of INPUT_OPTIONS) {
    const short = o.short ? `-${o.short}, ` : '';
    const opt = new Option(`${short}--${o.flag} <value>`, o.help);
    if (o.type === 'string[]') opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    cmd.addOption(opt);
  }
  return cmd;
}

/** Read the inputs as `scan` does and build the network view; load problems and policy problems go to stderr. */
export async function loadCluster(paths: string[], cmd: Command): Promise<{ inventory: Inventory; cluster: Cluster }> {
  if (paths.length === 0) throw new UsageError('give at least one path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)');
  const o = resolveOptions(INPUT_OPTIONS, cmd.opts(), (a) => cmd.getOptionValueSource(a) === 'cli', process.env, undefined);
  const read = await readInputs(paths, {
    helm: {
      releaseName: o['helm.releaseName'] as string,
      ...(o['helm.namespace'] ? { namespace: o['helm.namespace'] as string } : {}),
      ...(o['helm.values'] ? { values: o['helm.values'] as string[] } : {}),
      ...(o['helm.set'] ? { set: o['helm.set'] as string[] } : {}),
    },
  });
  const { inventory } = analyse({ objects: read.loaded.objects, problems: read.loaded.problems, checks: [] });
  const cluster = buildCluster(inventory);
  const warn = (s: string) => process.stderr.write(`kubeward: warning: ${s}\n`);
  for (const w of read.warnings) warn(w);
  for (const p of read.loaded.problems) warn(`${p.file}:${p.line}:${p.column}: ${p.message}`);
  for (const p of cluster.problems) warn(`${p.object.kind} ${p.object.namespace ? `${p.object.namespace}/` : ''}${p.object.name} ${p.path}: ${p.message}`);
  return { inventory, cluster };
}
