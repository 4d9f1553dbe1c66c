/** Which policies select a pod, and in which directions they isolate it (NetworkPolicies and Cilium policies). */
import { ciliumName } from './cilium-policies.js';
import type { Cluster, Endpoint } from './cluster.js';
import { policyName } from './explain.js';
import { directMatcher, type Matcher } from './match.js';

export interface Isolation {
  ingress: boolean;
  egress: boolean;
  /** Every NetworkPolicy, Cilium policy and (Baseline)AdminNetworkPolicy that selects the pod, by name. */
  selectedBy: string[];
}

export function isolationOf(c: Cluster, ep: Endpoint, m: Matcher = directMatcher): Isolation {
  const out: Isolation = { ingress: false, egress: false, selectedBy: [] };
  if (ep.hostNetwork) return out;
  for (const p of c.policiesByNamespace.get(ep.namespace) ?? []) {
    if (!m.npSelects(p, ep)) continue;
    if (!out.selectedBy.includes(policyName(p))) out.selectedBy.push(policyName(p));
    if (p.ingress) out.ingress = true;
    if (p.egress) out.egress = true;
  }
  for (const p of c.cilium) {
    if (!m.cnpSelects(p, ep)) continue;
    if (!out.selectedBy.includes(ciliumName(p))) out.selectedBy.push(ciliumName(p));
    if (p.isolates.ingress) out.ingress = true;
    if (p.isolates.egress) out.egress = true;
  }
  for (const p of [...c.admin, ...c.baseline]) if (m.adminSubject(p, ep)) out.selectedBy.push(`${p.object.kind} ${p.name}`);
  return out;
}
