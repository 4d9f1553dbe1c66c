import type { Check } from '../checks/define.js';
import type { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';

type Applies = (object: K8sObject, inventory: Inventory) => boolean;
const registry = new WeakMap<Check, Applies>();

/** Record whether a policy check (a custom rule, a ValidatingAdmissionPolicy) selects an object at all. */
export function setApplies(check: Check, applies: Applies): void {
  registry.set(check, applies);
}

/** Whether the check selects the object (`kubeward policy test` reports "skip" otherwise); true when unknown. */
export function checkApplies(check: Check, object: K8sObject, inventory: Inventory): boolean {
  return registry.get(check)?.(object, inventory) ?? true;
}
