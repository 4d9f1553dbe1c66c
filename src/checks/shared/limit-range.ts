import type { ContainerRef } from '../../model/containers.js';
import { isHelmTestHook } from '../../model/helm-test-hook.js';
import type { Inventory } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/kinds.js';
import { asArray, asRecord } from '../../model/object.js';
import { isQuantity, resourceValue, type ResourceName } from './resources.js';

/**
 * Whether a LimitRange of the input gives every container of `namespace` a default `limits.<name>`: an item of
 * `type: Container` with `default.<name>`, or with `max.<name>` (the API server defaults a missing `default` to
 * `max`). The LimitRanger admission plugin then writes that limit into each container created without one.
 */
export function limitRangeDefault(inventory: Inventory, namespace: string, name: ResourceName): boolean {
  return inventory.inNamespace(namespace).some((o) => o.kind === 'LimitRange' && asArray(asRecord(o.raw.spec)?.limits).some((item) => {
    const i = asRecord(item);
    return i?.type === 'Container' && (isQuantity(asRecord(i.default)?.[name]) || isQuantity(asRecord(i.max)?.[name]));
  }));
}

const orderKey = (c: ContainerRef) => `${c.pod.object.kind}\u0000${c.pod.object.name}\u0000${c.path}`;

const firstCache = new WeakMap<Inventory, Map<ResourceName, Map<string, ContainerRef>>>();

/**
 * Per namespace, the first container (by kind, object name and container path: the same whatever order the input
 * lists objects in, files or a live cluster; helm test hooks and ephemeral containers aside) without a
 * `limits.<name>`: where the namespace-level finding of a missing default sits.
 */
export function firstWithoutLimit(inventory: Inventory, namespace: string, name: ResourceName): ContainerRef | undefined {
  let byName = firstCache.get(inventory);
  if (!byName) firstCache.set(inventory, (byName = new Map()));
  let byNs = byName.get(name);
  if (!byNs) {
    byNs = new Map();
    for (const c of inventory.containers()) {
      if (c.role === 'ephemeral' || isHelmTestHook(c.pod.object)) continue;
      const ns = effectiveNamespace(c.pod.object) ?? 'default';
      if (resourceValue(c, 'limits', name) !== undefined) continue;
      const held = byNs.get(ns);
      if (!held || orderKey(c) < orderKey(held)) byNs.set(ns, c);
    }
    byName.set(name, byNs);
  }
  return byNs.get(namespace);
}
