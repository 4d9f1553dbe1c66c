/** The network view and matrix of an inventory, built once and shared by every network check of a run. */
import type { Inventory } from '../../model/inventory.js';
import { buildCluster, type Cluster } from './cluster.js';
import { computeMatrix, type Matrix } from './matrix.js';

const views = new WeakMap<Inventory, { cluster: Cluster; matrix?: Matrix }>();

export function networkView(inventory: Inventory): Cluster {
  let v = views.get(inventory);
  if (!v) views.set(inventory, (v = { cluster: buildCluster(inventory) }));
  return v.cluster;
}

export function networkMatrix(inventory: Inventory): Matrix {
  networkView(inventory);
  const v = views.get(inventory)!;
  v.matrix ??= computeMatrix(v.cluster);
  return v.matrix;
}
