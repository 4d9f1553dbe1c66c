import type { Inventory } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/kinds.js';
import { asRecord, type K8sObject } from '../../model/object.js';

/** Deployments and StatefulSets of apps/v1 (and the older groups that had them). */
export function isReplicatedWorkload(o: K8sObject): boolean {
  return (o.kind === 'Deployment' || o.kind === 'StatefulSet') && /^(apps|extensions)\//.test(o.apiVersion);
}

/** `spec.replicas` as the API server reads it: unset is 1; a non-integer (an unrendered template) is undefined. */
export function declaredReplicas(o: K8sObject): number | undefined {
  const v = asRecord(o.raw.spec)?.replicas;
  if (v === undefined || v === null) return 1;
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

const autoscalers = new WeakMap<Inventory, Map<string, K8sObject>>();

/** The HorizontalPodAutoscaler (any version) in the workload's namespace that scales it, if any (the first in input order). */
export function autoscalerOf(o: K8sObject, inventory: Inventory): K8sObject | undefined {
  // Indexed once per inventory by namespace, target kind and name: a look-up per workload, not a scan of every HPA.
  let byTarget = autoscalers.get(inventory);
  if (!byTarget) {
    byTarget = new Map();
    for (const h of inventory.byKind('HorizontalPodAutoscaler')) {
      const target = asRecord(asRecord(h.raw.spec)?.scaleTargetRef);
      if (typeof target?.kind !== 'string' || typeof target.name !== 'string') continue;
      const key = `${effectiveNamespace(h)}\u0000${target.kind}\u0000${target.name}`;
      if (!byTarget.has(key)) byTarget.set(key, h);
    }
    autoscalers.set(inventory, byTarget);
  }
  return byTarget.get(`${effectiveNamespace(o)}\u0000${o.kind}\u0000${o.name}`);
}

/** The fewest replicas the workload runs with: the HPA's minReplicas (default 1) when one scales it, else spec.replicas. */
export function minimumReplicas(o: K8sObject, inventory: Inventory): { replicas: number | undefined; hpa?: K8sObject } {
  const hpa = autoscalerOf(o, inventory);
  if (!hpa) return { replicas: declaredReplicas(o) };
  const min = asRecord(hpa.raw.spec)?.minReplicas;
  return { replicas: min === undefined ? 1 : typeof min === 'number' && Number.isInteger(min) ? min : undefined, hpa };
}
