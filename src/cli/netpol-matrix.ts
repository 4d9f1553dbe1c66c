import type { Command } from 'commander';
import { computeMatrix, connections } from '../engine/netpol.js';
import { renderMatrix, type MatrixFormat } from '../report/netpol-matrix.js';
import { loadCluster } from './netpol-inputs.js';
import { UsageError, type Ctx } from './io.js';
import { optionValues } from './options.js';
import { writeChunks } from './write-outputs.js';

/** `kubeward netpol matrix PATH... [-n ns] [-o table|json|csv|html]`. */
export async function runNetpolMatrix(paths: string[], cmd: Command, ctx: Ctx): Promise<number> {
  const { values: { matrixFormat: format, namespace } } = optionValues(cmd, ['matrixFormat', 'namespace'], ctx.io.env);
  const { cluster } = await loadCluster(paths, cmd, ctx);
  if (namespace !== undefined && !cluster.namespaces.has(namespace)) throw new UsageError(`no namespace "${namespace}" in the input (known: ${[...cluster.namespaces.keys()].sort().join(', ')})`);
  const mx = computeMatrix(cluster);
  const keep = namespace === undefined ? undefined : (w: { namespace: string }) => w.namespace === namespace;
  try {
    await writeChunks(renderMatrix(format as MatrixFormat, connections(mx, keep)), ctx.io.stdout);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
  }
  return 0;
}
