/** Whether a namespace has a default deny for a direction, and where to report that it has none. */
import type { LabelSelector } from '../../model/inventory.js';
import type { K8sObject } from '../../model/object.js';
import { CILIUM_CLUSTER_KEY, CILIUM_NS_KEY, CILIUM_NS_LABELS, type CiliumPolicy } from './cilium-policies.js';
import type { Cluster } from './cluster.js';
import { isolationOf } from './isolation.js';
import { selects } from './selector.js';
import type { NetPol } from './policies.js';
import type { Direction } from './reach.js';

export function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}

/**
 * A default deny: a policy that selects every pod of the namespace (empty podSelector) for the
 * direction, with no rule open to every peer on every port.
 */
export function isDefaultDeny(p: NetPol, dir: Direction): boolean {
  const rules = p[dir];
  return rules !== undefined && isEmptySelector(p.podSelector) && !rules.some((r) => r.peers === 'all' && r.ports === 'all');
}

const NAMESPACE_KEY = (k: string) => k === CILIUM_NS_KEY || k === CILIUM_CLUSTER_KEY || k.startsWith(CILIUM_NS_LABELS);

/**
 * A Cilium default deny for the namespace: a rule whose endpointSelector decides on namespace-level
 * labels only (namespace name, namespace labels, cluster; `{}` in a CiliumNetworkPolicy) and selects
 * this namespace, isolating the direction, with no rule allowing every peer on every port. A selector
 * naming pod labels or the service account is selective: it is no default deny.
 */
export function isCiliumDefaultDeny(p: CiliumPolicy, dir: Direction, namespace: string, nsLabels: Record<string, string>): boolean {
  if (!p.isolates[dir] || (p.namespace !== undefined && p.namespace !== namespace)) return false;
  const sel = p.endpointSelector;
  const keys = [...Object.keys(sel.matchLabels ?? {}), ...(sel.matchExpressions ?? []).map((e) => e.key)];
  if (!keys.every(NAMESPACE_KEY)) return false;
  const probe: Record<string, string> = { [CILIUM_NS_KEY]: namespace, [CILIUM_CLUSTER_KEY]: 'default' };
  for (const [k, v] of Object.entries(nsLabels)) probe[`${CILIUM_NS_LABELS}${k}`] = v;
  if (!selects(probe, sel)) return false;
  return !p[dir].some((r) => r.ports === 'all' && r.peers !== 'all' && r.peers.some((x) => x.kind === 'entities' && x.entities.includes('all')));
}

export function hasDefaultDeny(c: Cluster, namespace: string, dir: Direction): boolean {
  if ((c.policiesByNamespace.get(namespace) ?? []).some((p) => isDefaultDeny(p, dir))) return true;
  const nsLabels = c.namespaces.get(namespace) ?? {};
  return c.cilium.some((p) => isCiliumDefaultDeny(p, dir, namespace, nsLabels));
}

/**
 * Namespaces without a default deny for `dir`, each with the object to report on: every Namespace object
 * of the input (CIS 5.3.2 covers every namespace, with workloads in the input or not) and every namespace
 * with pods (not host-network). Reported on the Namespace object when the input has one, else on the
 * namespace's first workload.
 */
export function namespacesWithoutDefaultDeny(c: Cluster, namespaceObjects: readonly K8sObject[], dir: Direction): { namespace: string; object: K8sObject; path: string }[] {
  const out: { namespace: string; object: K8sObject; path: string }[] = [];
  const seen = new Set<string>();
  for (const ns of namespaceObjects) {
    if (seen.has(ns.name)) continue;
    seen.add(ns.name);
    if (!hasDefaultDeny(c, ns.name, dir)) out.push({ namespace: ns.name, object: ns, path: '/metadata/name' });
  }
  for (const w of c.workloads) {
    if (w.hostNetwork || seen.has(w.namespace)) continue;
    seen.add(w.namespace);
    if (hasDefaultDeny(c, w.namespace, dir)) continue;
    out.push({ namespace: w.namespace, object: w.object, path: w.object.namespace !== undefined ? '/metadata/namespace' : '/metadata/name' });
  }
  return out;
}

/**
 * A namespace with no network policy at all: no NetworkPolicy (nor CiliumNetworkPolicy) object in it, and no
 * policy of any kind (a clusterwide Cilium policy, an AdminNetworkPolicy) selecting any of its pods. Its pods
 * are all open both ways: one root cause, reported once for the namespace (see netpolNoneCause).
 */
export function hasNoPolicyAtAll(c: Cluster, namespace: string): boolean {
  if ((c.policiesByNamespace.get(namespace) ?? []).length > 0) return false;
  if (c.cilium.some((p) => p.namespace === namespace)) return false;
  return !c.workloads.some((w) => w.namespace === namespace && !w.hostNetwork && isolationOf(c, w).selectedBy.length > 0);
}

/** The root-cause key (Issue.cause) a namespace without any policy shares across its findings. */
export const netpolNoneCause = (namespace: string) => `netpol-none\u0000${namespace}`;

/**
 * A namespace with policies but no default deny in one direction: its missing-default-deny-<dir> finding is the
 * root cause of every workload-isolated-one-direction finding there whose open direction is that one.
 */
export const netpolOpenCause = (namespace: string, dir: 'ingress' | 'egress') => `netpol-open\u0000${dir}\u0000${namespace}`;
