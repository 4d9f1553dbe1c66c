import type { Inventory } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/kinds.js';
import type { K8sObject } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';

/** The ServiceAccount a pod runs as: serviceAccountName, else the deprecated serviceAccount, else "default". */
export function serviceAccountName(pod: PodSpecRef): { name: string; field?: 'serviceAccountName' | 'serviceAccount' } {
  for (const field of ['serviceAccountName', 'serviceAccount'] as const) {
    const v = pod.spec[field];
    if (typeof v === 'string' && v !== '') return { name: v, field };
  }
  return { name: 'default' };
}

/** Who decides whether the API token is mounted, and what they decide. */
export interface TokenDecision {
  mounted: boolean;
  /** "pod": the pod spec's field; "serviceaccount": the ServiceAccount object's; "default": neither set (true). */
  by: 'pod' | 'serviceaccount' | 'default';
  serviceAccount: string;
  /** The ServiceAccount object, when the inventory holds it. */
  account?: K8sObject;
}

/**
 * The kubelet's rule: the pod spec's `automountServiceAccountToken`, when set, wins; else the
 * ServiceAccount's (looked up in the pod's namespace in the inventory); else the token is mounted.
 */
export function tokenDecision(pod: PodSpecRef, inventory: Inventory): TokenDecision {
  const { name } = serviceAccountName(pod);
  const podValue = pod.spec.automountServiceAccountToken;
  if (typeof podValue === 'boolean') return { mounted: podValue, by: 'pod', serviceAccount: name };
  const account = inventory.get('ServiceAccount', effectiveNamespace(pod.object), name);
  const saValue = account?.raw.automountServiceAccountToken;
  if (account && typeof saValue === 'boolean') return { mounted: saValue, by: 'serviceaccount', serviceAccount: name, account };
  return account ? { mounted: true, by: 'default', serviceAccount: name, account } : { mounted: true, by: 'default', serviceAccount: name };
}
