import { buildCluster, type Cluster } from '../analysis/netpol/cluster.js';
import { ciliumObjectName } from '../analysis/netpol/cilium-policies.js';
import { rbacModel, type RbacModel } from '../analysis/rbac/model.js';
import type { Inventory } from '../model/inventory.js';
import { loadInventory, problemWarnings } from './load-inventory.js';
import type { InputRequest } from './request.js';

/**
 * The RBAC model (the Kubernetes authorizer's semantics) over the request's inputs. The answers come from what
 * could be read: load problems are warnings.
 */
export async function loadRbac(request: InputRequest): Promise<{ model: RbacModel; inventory: Inventory; warnings: string[] }> {
  const loaded = await loadInventory(request);
  return { model: rbacModel(loaded.inventory), inventory: loaded.inventory, warnings: [...loaded.warnings, ...problemWarnings(loaded.problems)] };
}

/** The network view (NetworkPolicy reachability) over the request's inputs; malformed policies are warnings. */
/** What Cilium policies say that the analysis does not model, once per rule part: the matrix and explain hold for the rest only. */
function ciliumNotes(cluster: Cluster): string[] {
  const out = new Set<string>();
  for (const p of cluster.cilium) for (const n of [...p.notes.ingress, ...p.notes.egress]) out.add(`not modelled: ${ciliumObjectName(p)} ${n}`);
  return [...out];
}

export async function loadNetwork(request: InputRequest): Promise<{ cluster: Cluster; inventory: Inventory; warnings: string[] }> {
  const loaded = await loadInventory(request);
  const cluster = buildCluster(loaded.inventory);
  return {
    cluster,
    inventory: loaded.inventory,
    warnings: [
      ...loaded.warnings,
      ...problemWarnings(loaded.problems),
      ...cluster.problems.map((p) => `${p.object.kind} ${p.object.namespace ? `${p.object.namespace}/` : ''}${p.object.name} ${p.path}: ${p.message}`),
      ...ciliumNotes(cluster),
    ],
  };
}
