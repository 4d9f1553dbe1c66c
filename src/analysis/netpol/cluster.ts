/** The network view of an inventory: namespaces with labels, workloads as pod endpoints, and every policy. */
import { containersOf } from '../../model/containers.js';
import type { Inventory } from '../../model/inventory.js';
import { effectiveNamespace } from '../../model/kinds.js';
import { asArray, asRecord, stringMap, type K8sObject } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';
import { isAdminPolicy, readAdminPolicy, type AdminPolicy } from './admin-policies.js';
import { isCiliumPolicy, readCiliumPolicy, type CiliumPolicy } from './cilium-policies.js';
import { isProtocol, type Protocol } from './ports.js';
import { isNetworkPolicy, readNetworkPolicy, type NetPol, type PolicyProblem } from './policies.js';

export interface NamedPort {
  name: string;
  port: number;
  protocol: Protocol;
}

/** What policies look at in a pod: its namespace (and that namespace's labels), labels, named ports, hostNetwork. */
export interface Endpoint {
  namespace: string;
  nsLabels: Record<string, string>;
  labels: Record<string, string>;
  namedPorts: readonly NamedPort[];
  hostNetwork: boolean;
  /** The pod's ServiceAccount (Cilium selects on it); undefined reads as `default`. */
  serviceAccount?: string;
}

/** A workload standing for the pods its template creates. */
export interface Workload extends Endpoint {
  /** `namespace/name[Kind]`, the name the matrix and explain use. */
  id: string;
  object: K8sObject;
  pod: PodSpecRef;
}

export interface Cluster {
  namespaces: Map<string, Record<string, string>>;
  workloads: Workload[];
  policies: NetPol[];
  policiesByNamespace: Map<string, NetPol[]>;
  /** AdminNetworkPolicies in evaluation order (priority, then name). Policies with problems are left out. */
  admin: AdminPolicy[];
  baseline: AdminPolicy[];
  /** CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy rules (one per spec/specs entry); evaluated with NetworkPolicies. */
  cilium: CiliumPolicy[];
  problems: PolicyProblem[];
}

export const NS_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The named ports of a pod: its containers' and its sidecars' (init containers with restartPolicy Always). */
export function namedPortsOf(pod: PodSpecRef): NamedPort[] {
  const out: NamedPort[] = [];
  for (const c of containersOf(pod)) {
    if (c.role === 'ephemeral' || (c.role === 'init' && c.container.restartPolicy !== 'Always')) continue;
    for (const p of asArray(c.container.ports)) {
      const r = asRecord(p);
      if (!r || typeof r.name !== 'string' || typeof r.containerPort !== 'number') continue;
      const protocol = r.protocol === undefined ? 'TCP' : r.protocol;
      if (isProtocol(protocol)) out.push({ name: r.name, port: r.containerPort, protocol });
    }
  }
  return out;
}

/** Objects whose controller is in the inventory too (a dump's Pods and ReplicaSets of a Deployment) are not counted twice. */
function ownedByListedWorkload(o: K8sObject, inventory: Inventory, hasPods: Set<K8sObject>): boolean {
  for (const ref of asArray(asRecord(o.raw.metadata)?.ownerReferences)) {
    const r = asRecord(ref);
    if (!r || r.controller !== true || typeof r.kind !== 'string' || typeof r.name !== 'string') continue;
    const owner = inventory.get(r.kind, effectiveNamespace(o), r.name);
    if (owner && hasPods.has(owner)) return true;
  }
  return false;
}

/**
 * Build the network view. Namespaces are known from Namespace objects (with their labels) and
 * from the namespaces objects live in; a namespace without a Namespace object has only the label
 * the API server sets on every namespace, kubernetes.io/metadata.name.
 */
export function buildCluster(inventory: Inventory): Cluster {
  const namespaces = new Map<string, Record<string, string>>();
  for (const ns of inventory.byKind('Namespace')) namespaces.set(ns.name, { ...ns.labels, [NS_NAME_LABEL]: ns.name });
  for (const name of inventory.namespaces()) if (!namespaces.has(name)) namespaces.set(name, { [NS_NAME_LABEL]: name });

  const specs = inventory.podSpecs();
  const hasPods = new Set(specs.map((p) => p.object));
  const used = new Set<string>();
  const workloads: Workload[] = [];
  for (const pod of specs) {
    const o = pod.object;
    if (o.kind === 'PodTemplate' || ownedByListedWorkload(o, inventory, hasPods)) continue;
    const namespace = effectiveNamespace(o) ?? 'default';
    // An object with several pod templates (a JobSet's jobs) gives one workload per template; a name
    // that repeats (several templates, or the same object twice in the input) gets #2, #3, ...
    const base = `${namespace}/${o.name}[${o.kind}]`;
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}#${k}`;
    used.add(id);
    workloads.push({
      id, object: o, pod, namespace,
      nsLabels: namespaces.get(namespace) ?? { [NS_NAME_LABEL]: namespace },
      labels: stringMap(pod.metadata.labels),
      namedPorts: namedPortsOf(pod),
      hostNetwork: pod.spec.hostNetwork === true,
      serviceAccount: typeof pod.spec.serviceAccountName === 'string' && pod.spec.serviceAccountName ? pod.spec.serviceAccountName : typeof pod.spec.serviceAccount === 'string' && pod.spec.serviceAccount ? pod.spec.serviceAccount : 'default',
    });
  }

  const problems: PolicyProblem[] = [];
  const policies: NetPol[] = [];
  const policiesByNamespace = new Map<string, NetPol[]>();
  const admin: AdminPolicy[] = [];
  const baseline: AdminPolicy[] = [];
  const cilium: CiliumPolicy[] = [];
  // A policy with a field the API server's validation rejects never exists in a cluster: it is reported, not applied.
  for (const o of inventory.objects) {
    const before = problems.length;
    if (isNetworkPolicy(o)) {
      const p = readNetworkPolicy(o, problems);
      if (problems.length > before) continue;
      policies.push(p);
      let list = policiesByNamespace.get(p.namespace);
      if (!list) policiesByNamespace.set(p.namespace, (list = []));
      list.push(p);
    } else if (isAdminPolicy(o)) {
      const p = readAdminPolicy(o, problems);
      if (problems.length > before) continue;
      (p.baseline ? baseline : admin).push(p);
    } else if (isCiliumPolicy(o)) {
      cilium.push(...readCiliumPolicy(o, problems));
    }
  }
  // Equal priorities are undefined behaviour upstream; the name breaks the tie so results are stable.
  admin.sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { namespaces, workloads, policies, policiesByNamespace, admin, baseline, cilium, problems };
}
