import { loadInventory, problemWarnings } from './load-inventory.js';
import type { InputRequest } from './request.js';

export interface Snapshot {
  /** A `kind: List` JSON document of every object read, one item a line; `kubeward scan` reads it back. */
  text: string;
  objects: number;
  warnings: string[];
}

/**
 * `kubeward snapshot`: the objects a request reads (a live cluster, files, or both) as one `v1 List`, so a
 * scan can run later, offline, with the same findings (locations then point into the snapshot file).
 */
export async function snapshot(request: InputRequest): Promise<Snapshot> {
  const loaded = await loadInventory(request);
  const items = loaded.inventory.objects.map((o) => JSON.stringify(o.raw));
  const meta = loaded.cluster ? { annotations: { 'kubeward.dev/context': loaded.cluster.context, 'kubeward.dev/server': loaded.cluster.server } } : {};
  const text = `{"apiVersion":"v1","kind":"List","metadata":${JSON.stringify(meta)},"items":[${items.length ? '\n' + items.join(',\n') + '\n' : ''}]}\n`;
  return { text, objects: items.length, warnings: [...loaded.warnings, ...problemWarnings(loaded.problems)] };
}
