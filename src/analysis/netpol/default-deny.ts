/** Whether a namespace has a default deny for a direction, and where to report that it has none. */
import type { LabelSelector } from '../../model/inventory.js';
import type { K8sObject } from '../../model/object.js';
import type { Cluster } from './cluster.js';
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

/** Namespaces with pods (not host-network) and no default deny for `dir`, each with the object to report on. */
export function namespacesWithoutDefaultDeny(c: Cluster, namespaceObjects: readonly K8sObject[], dir: Direction): { namespace: string; object: K8sObject; path: string }[] {
  const out: { namespace: string; object: K8sObject; path: string }[] = [];
  const seen = new Set<string>();
  for (const w of c.workloads) {
    if (w.hostNetwork || seen.has(w.namespace)) continue;
    seen.add(w.namespace);
    if ((c.policiesByNamespace.get(w.namespace) ?? []).some((p) => isDefaultDeny(p, dir))) continue;
    const ns = namespaceObjects.find((o) => o.name === w.namespace);
    if (ns) out.push({ namespace: w.namespace, object: ns, path: '/metadata/name' });
    else out.push({ namespace: w.namespace, object: w.object, path: w.object.namespace !== undefined ? '/metadata/namespace' : '/metadata/name' });
  }
  return out;
}
