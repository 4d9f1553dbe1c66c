import type { Command } from 'commander';
import { computeMatrix, connections } from '../analysis/netpol/matrix.js';
import { MATRIX_FORMATS, renderMatrix, type MatrixFormat } from '../report/netpol-matrix.js';
import { loadCluster } from './netpol-inputs.js';
import { UsageError } from './scan.js';
import { writeChunks } from './write-outputs.js';

/** `kubeward netpol matrix PATH... [-n ns] [-o table|json|csv|html]`. */
export async function runNetpolMatrix(paths: string[], cmd: Command): Promise<number> {
  const { format, namespace } = cmd.opts<{ format: string; namespace?: string }>();
  if (!(MATRIX_FORMATS as readonly string[]).includes(format)) throw new UsageError(`-o must be one of ${MATRIX_FORMATS.join(', ')} (got "${format}")`);
  const { cluster } = await loadCluster(paths, cmd);
  if (namespace !== undefined && !cluster.namespaces.has(namespace)) throw new UsageError(`no namespace "${namespace}" in the input (known: ${[...cluster.namespaces.keys()].sort().join(', ')})`);
  const mx = computeMatrix(cluster);
  const keep = namespace === undefined ? undefined : (w: { namespace: string }) => w.namespace === namespace;
  try {
    await writeChunks(renderMatrix(format as MatrixFormat, connections(mx, keep)), process.stdout);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
  }
  return 0;
}
