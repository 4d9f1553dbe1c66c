import type { Inventory } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/kinds.js';
import type { PodSpecRef } from '../../model/pod-specs.js';

export interface WorkloadServiceAccount {
  namespace: string;
  name: string;
  /** Pointer of serviceAccountName (or the deprecated serviceAccount) when written; the pod spec's when defaulted. */
  path: string;
  /** False when automountServiceAccountToken is false on the pod, or on the ServiceAccount and the pod does not override it. */
  tokenMounted: boolean;
}

/** The service account a pod spec runs as ("default" unless named) and whether its token is mounted. */
export function workloadServiceAccount(inventory: Inventory, pod: PodSpecRef): WorkloadServiceAccount {
  const namespace = effectiveNamespace(pod.object) ?? 'default';
  const spec = pod.spec;
  const field = typeof spec.serviceAccountName === 'string' && spec.serviceAccountName ? 'serviceAccountName' : typeof spec.serviceAccount === 'string' && spec.serviceAccount ? 'serviceAccount' : undefined;
  const name = field ? (spec[field] as string) : 'default';
  let tokenMounted = true;
  if (typeof spec.automountServiceAccountToken === 'boolean') tokenMounted = spec.automountServiceAccountToken;
  else {
    const sa = inventory.get('ServiceAccount', namespace, name);
    if (sa && sa.raw.automountServiceAccountToken === false) tokenMounted = false;
  }
  return { namespace, name, path: field ? `${pod.path}/${field}` : pod.path, tokenMounted };
}
