// Fixes that would break a workload are left out, with the reason: a pure judgement over the whole inventory.
import type { Check } from '../checks/define.js';
import { displayBinding } from '../analysis/rbac/bindings.js';
import { rbacModel } from '../analysis/rbac/model.js';
import { serviceAccountIdentity } from '../analysis/rbac/subjects.js';
import { workloadServiceAccount } from '../analysis/rbac/workload-sa.js';
import type { Inventory } from '../model/inventory.js';
import { displayName, type K8sObject } from '../model/object.js';
import { podSpecsOf } from '../model/pod-specs.js';

/**
 * Why `check`'s fix must not be applied to `object`, or undefined. Today one case: a pod spec that sets
 * `automountServiceAccountToken: true` explicitly while its ServiceAccount holds RBAC permissions
 * (through a binding among the scanned objects) most likely calls the API; turning the token off
 * would break it, so that is left to a person.
 */
export function fixLeftAsIs(check: Check, object: K8sObject, inventory: Inventory): string | undefined {
  if (check.id !== 'automount-service-account-token') return undefined;
  for (const pod of podSpecsOf(object)) {
    if (pod.spec.automountServiceAccountToken !== true) continue;
    const sa = workloadServiceAccount(inventory, pod);
    const grants = rbacModel(inventory).grantsFor(serviceAccountIdentity(sa.namespace, sa.name), '*');
    if (grants.length === 0) continue;
    return `${displayName(object)} left as is: it sets automountServiceAccountToken: true and ServiceAccount ${sa.namespace}/${sa.name} holds RBAC permissions (through ${displayBinding(grants[0]!.binding)}), so it likely calls the API; set it to false by hand if it does not`;
  }
  return undefined;
}
