/**
 * Equivalence classes of workloads: two pods that every policy question answers the same for
 * (selected by the same policies, matched by the same peers, the same named ports, hostNetwork or
 * not) have the same connections, so reachability is computed once per class, not per pod pair.
 */
import type { Cluster, Endpoint, Workload } from './cluster.js';
import { directMatcher, type Matcher } from './match.js';
import type { NpPeer } from './policies.js';
import { selects } from './selector.js';
import type { LabelSelector } from '../../model/inventory.js';

export interface Classes {
  /** One endpoint standing for each class. */
  reps: Endpoint[];
  /** The class of each of the cluster's workloads, by index. */
  classOf: Int32Array;
}

function labelKey(ep: Endpoint): string {
  const labels = Object.keys(ep.labels).sort().map((k) => `${k}=${ep.labels[k]}`).join('\u0001');
  const ports = ep.namedPorts.map((p) => `${p.name}:${p.port}/${p.protocol}`).sort().join(',');
  return `${ep.namespace}\u0000${labels}\u0000${ports}\u0000${ep.hostNetwork ? 1 : 0}\u0000${ep.serviceAccount ?? ''}`;
}

type PodsPeer = { peer: NpPeer & { kind: 'pods' }; id: number };

/** Peers indexed by the namespaces they can match, so a pod is only asked about peers that can match it. */
interface PeerIndex {
  /** podSelector-only peers, by their policy's namespace. */
  local: Map<string, PodsPeer[]>;
  /**
   * Peers with a namespaceSelector, grouped by equal selectors; each group is filed under one of its
   * matchLabels pairs (`byPair`) or, without matchLabels, in `unpaired`; so a namespace is tested only
   * against the selectors that share one of its labels.
   */
  byPair: Map<string, { sel: LabelSelector; peers: PodsPeer[] }[]>;
  unpaired: { sel: LabelSelector; peers: PodsPeer[] }[];
  /** Per namespace (computed on first use): the namespaceSelector peers that match it. */
  byNamespace: Map<string, PodsPeer[]>;
}

function peerIndex(c: Cluster, peerIds: Map<object, number>): PeerIndex {
  const idx: PeerIndex = { local: new Map(), byPair: new Map(), unpaired: [], byNamespace: new Map() };
  const groups = new Map<string, { sel: LabelSelector; peers: PodsPeer[] }>();
  for (const p of c.policies) {
    for (const r of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      if (r.peers === 'all') continue;
      for (const peer of r.peers) {
        if (peer.kind !== 'pods') continue;
        const entry = { peer, id: peerIds.get(peer)! };
        if (peer.namespaceSelector) {
          const sel = peer.namespaceSelector;
          const key = JSON.stringify([sel.matchLabels ?? {}, sel.matchExpressions ?? []]);
          let g = groups.get(key);
          if (!g) {
            groups.set(key, (g = { sel, peers: [] }));
            const first = Object.entries(sel.matchLabels ?? {})[0];
            if (first) {
              const pair = `${first[0]}\u0000${first[1]}`;
              const list = idx.byPair.get(pair);
              if (list) list.push(g);
              else idx.byPair.set(pair, [g]);
            } else idx.unpaired.push(g);
          }
          g.peers.push(entry);
        } else {
          let list = idx.local.get(p.namespace);
          if (!list) idx.local.set(p.namespace, (list = []));
          list.push(entry);
        }
      }
    }
  }
  return idx;
}

/** The namespaceSelector peers whose selector matches the namespace's labels (in no particular order). */
function crossPeers(idx: PeerIndex, nsLabels: Record<string, string>): PodsPeer[] {
  const out: PodsPeer[] = [];
  const test = (g: { sel: LabelSelector; peers: PodsPeer[] }) => {
    if (selects(nsLabels, g.sel)) for (const e of g.peers) out.push(e);
  };
  for (const g of idx.unpaired) test(g);
  for (const k in nsLabels) for (const g of idx.byPair.get(`${k}\u0000${nsLabels[k]}`) ?? []) test(g);
  return out;
}

/** Every question a policy can ask of a pod, as a list of ids; equal answers mean equal behaviour. */
function signature(c: Cluster, ep: Endpoint, m: Matcher, peerIds: Map<object, number>, policyIds: Map<object, number>, idx: PeerIndex): string {
  const parts: number[] = [];
  for (const p of c.policiesByNamespace.get(ep.namespace) ?? []) if (m.npSelects(p, ep)) parts.push(policyIds.get(p)!);
  parts.push(-1);
  if (!ep.hostNetwork) {
    let cross = idx.byNamespace.get(ep.namespace);
    if (!cross) idx.byNamespace.set(ep.namespace, (cross = crossPeers(idx, ep.nsLabels)));
    const matched: number[] = [];
    for (const list of [idx.local.get(ep.namespace) ?? [], cross]) for (const e of list) if (!e.peer.podSelector || selects(ep.labels, e.peer.podSelector)) matched.push(e.id);
    matched.sort((a, b) => a - b);
    parts.push(...matched);
  }
  parts.push(-2);
  const other = { kind: 'pod' as const, ep };
  for (const p of [...c.admin, ...c.baseline]) {
    if (m.adminSubject(p, ep)) parts.push(policyIds.get(p)!);
    for (const r of [...p.ingress, ...p.egress]) for (const peer of r.peers) if (peer.kind === 'pods' && m.adminPeer(peer, other)) parts.push(peerIds.get(peer)!);
  }
  // Cilium: the rules that select the pod, then (policy and peer ids overlap) the endpoint peers that match it.
  parts.push(-3);
  for (const p of c.cilium) if (m.cnpSelects(p, ep)) parts.push(policyIds.get(p)!);
  parts.push(-4);
  for (const p of c.cilium) {
    for (const r of [...p.ingress, ...p.egress, ...p.ingressDeny, ...p.egressDeny]) {
      if (r.peers !== 'all') for (const peer of r.peers) if (peer.kind === 'endpoints' && m.cnpPeer(peer, other)) parts.push(peerIds.get(peer)!);
    }
  }
  const ports = ep.namedPorts.map((p) => `${p.name}:${p.port}/${p.protocol}`).sort().join(',');
  return `${parts.join(',')}|${ports}|${ep.hostNetwork ? 1 : 0}`;
}

function ids(c: Cluster): { peerIds: Map<object, number>; policyIds: Map<object, number> } {
  const peerIds = new Map<object, number>();
  const policyIds = new Map<object, number>();
  for (const p of [...c.policies, ...c.admin, ...c.baseline, ...c.cilium]) policyIds.set(p, policyIds.size);
  for (const p of c.policies) for (const r of [...(p.ingress ?? []), ...(p.egress ?? [])]) if (r.peers !== 'all') for (const peer of r.peers) peerIds.set(peer, policyIds.size + peerIds.size);
  for (const p of [...c.admin, ...c.baseline]) for (const r of [...p.ingress, ...p.egress]) for (const peer of r.peers) peerIds.set(peer, policyIds.size + peerIds.size);
  for (const p of c.cilium) for (const r of [...p.ingress, ...p.egress, ...p.ingressDeny, ...p.egressDeny]) if (r.peers !== 'all') for (const peer of r.peers) peerIds.set(peer, policyIds.size + peerIds.size);
  return { peerIds, policyIds };
}

/** Group workloads first by what they are (namespace, labels, named ports), then by how policies see them. */
export function classify(c: Cluster, workloads: readonly Workload[] = c.workloads, m: Matcher = directMatcher): Classes {
  const byLabels = new Map<string, number>();
  const first: Endpoint[] = [];
  const labelClass = new Int32Array(workloads.length);
  workloads.forEach((w, i) => {
    const k = labelKey(w);
    let id = byLabels.get(k);
    if (id === undefined) {
      byLabels.set(k, (id = first.length));
      first.push(w);
    }
    labelClass[i] = id;
  });
  const { peerIds, policyIds } = ids(c);
  const idx = peerIndex(c, peerIds);
  const bySig = new Map<string, number>();
  const reps: Endpoint[] = [];
  const refined = first.map((ep) => {
    const s = signature(c, ep, m, peerIds, policyIds, idx);
    let id = bySig.get(s);
    if (id === undefined) {
      bySig.set(s, (id = reps.length));
      reps.push(ep);
    }
    return id;
  });
  const classOf = new Int32Array(workloads.length);
  for (let i = 0; i < workloads.length; i++) classOf[i] = refined[labelClass[i]!]!;
  return { reps, classOf };
}
