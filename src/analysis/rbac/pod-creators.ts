import { containersOf } from '../../model/containers.js';
import type { Inventory } from '../../model/inventory.js';
import { displayName, type K8sObject } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';
import { rbacModel, type RbacModel } from './model.js';
import { serviceAccountIdentity, serviceAccountUser } from './subjects.js';
import { grantVia } from './token-powers.js';

/** What creates pods: pods themselves and every built-in controller kind whose template becomes pods. */
const POD_MAKERS: readonly [group: string, resource: string][] = [
  ['', 'pods'],
  ['apps', 'deployments'],
  ['apps', 'statefulsets'],
  ['apps', 'daemonsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
  ['', 'replicationcontrollers'],
];

/** An operator's name or image (`prometheus-operator`, `quay.io/strimzi/operator:0.40`). */
const OPERATOR_NAME = /(^|[-_./])operator($|[-_.:@])/i;

/** A workload that may create pods in its namespace at run time, and why we think so. */
export interface PodCreator {
  object: K8sObject;
  /** "its ServiceAccount x can create deployments in ns (through RoleBinding ns/y → Role ns/z)", or the pattern. */
  why: string;
}

/** Service accounts (as user names) some binding of the model names: their permissions are in the input. */
const boundAccounts = new WeakMap<RbacModel, Set<string>>();

export interface PodCreatorCandidate {
  object: K8sObject;
  pod: PodSpecRef;
  namespace: string;
  serviceAccount?: string;
}

/**
 * The first of `workloads` (all in `namespace`) that may create pods in that namespace: by RBAC among the scanned
 * objects (its ServiceAccount may create pods or a controller of pods there), else — only for an account no binding
 * in the input names, whose permissions are unknown — by the name of the workload or its image (`…-operator`).
 */
export function podCreatorIn(inventory: Inventory, namespace: string, workloads: readonly PodCreatorCandidate[]): PodCreator | undefined {
  const model = rbacModel(inventory);
  let named = boundAccounts.get(model);
  if (!named) {
    named = new Set<string>();
    for (const b of model.bindings) for (const s of b.subjects) if (s.kind === 'ServiceAccount' && s.namespace !== undefined) named.add(serviceAccountUser(s.namespace, s.name));
    boundAccounts.set(model, named);
  }
  let byRbac: PodCreator | undefined;
  let byName: PodCreator | undefined;
  for (const w of workloads) {
    const sa = w.serviceAccount ?? 'default';
    const who = serviceAccountIdentity(namespace, sa);
    const image = containersOf(w.pod).map((c) => c.container.image).find((i): i is string => typeof i === 'string' && OPERATOR_NAME.test(i.split('/').pop() ?? ''));
    const looksLikeOne = OPERATOR_NAME.test(w.object.name) || image !== undefined;
    for (const [group, resource] of POD_MAKERS) {
      const d = model.authorize(who, { kind: 'resource', verb: 'create', group, resource, subresource: '', name: '', namespace });
      if (!d.allowed || !d.grants[0]) continue;
      const found = { object: w.object, why: `${displayName(w.object)} runs as ServiceAccount ${sa}, which can create ${resource} there (${grantVia(d.grants[0])})` };
      // Of several, the one also named like an operator is the likelier author of the pods.
      if (looksLikeOne) return found;
      byRbac ??= found;
      break;
    }
    if (byName || !looksLikeOne || named.has(serviceAccountUser(namespace, sa))) continue;
    byName = { object: w.object, why: `${displayName(w.object)} looks like an operator (${image ? `image ${image}` : 'its name'}; no RBAC for ServiceAccount ${sa} in the input)` };
  }
  return byRbac ?? byName;
}
