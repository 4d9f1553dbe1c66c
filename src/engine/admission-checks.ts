import type { Check } from '../checks/define.js';

/**
 * Checks that judge an object by what else is in the cluster (a NetworkPolicy selecting the pod, a PDB, an HPA,
 * the ServiceAccount or Role a binding names, the namespace's other objects). An AdmissionReview carries one
 * object, so these would report every object as missing its companions: the webhook does not run them (`scan
 * --cluster` does). A test keeps every id here a real check.
 */
export const NEEDS_OTHER_OBJECTS: readonly string[] = [
  'workload-without-network-policy', 'workload-isolated-one-direction', 'missing-default-deny-ingress', 'missing-default-deny-egress',
  'database-reachable-from-all-namespaces', 'exposed-service-open-ingress', 'secret-holder-internet-egress', 'network-policy-dangling-selector',
  'istio-namespace-mtls-not-strict', 'istio-namespace-without-authorization-policy',
  'pod-disruption-budget-missing', 'service-account-not-found', 'rbac-missing-role', 'single-replica',
];

/** Subjects judged per object; components, Dockerfiles, images and load problems are not admitted objects. */
const OBJECT_SUBJECTS = new Set(['container', 'pod', 'object', 'inventory']);

/** The checks of `selected` the webhook runs on one object. */
export function admissionChecks(selected: readonly Check[]): Check[] {
  const skip = new Set(NEEDS_OTHER_OBJECTS);
  return selected.filter((c) => OBJECT_SUBJECTS.has(c.subject) && !skip.has(c.id));
}
