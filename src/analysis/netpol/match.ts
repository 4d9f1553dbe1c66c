/** Who a policy selects and which peers a rule matches: the questions every evaluation asks. */
import { selects as matchesSelector } from './selector.js';
import type { AdminPeer, AdminPolicy, AdminPort, PodsSelection } from './admin-policies.js';
import type { Endpoint } from './cluster.js';
import { contains, overlaps, type IpRange } from './ip.js';
import { ALL_PORTS, allOf, NO_PORTS, portRange, union, type PortSet } from './ports.js';
import type { NetPol, NpPeer, NpPort } from './policies.js';
import { CILIUM_CLUSTER_KEY, CILIUM_NS_KEY, CILIUM_NS_LABELS, CILIUM_SA_KEY, type CiliumPolicy, type CnpPeer } from './cilium-policies.js';

/** The other side of a connection: a pod, or a range of addresses outside the cluster's pods. */
export type Peer = { kind: 'pod'; ep: Endpoint } | { kind: 'ip'; range: IpRange };

export interface Matcher {
  /** The policy isolates/selects this pod (same namespace, podSelector). */
  npSelects(p: NetPol, ep: Endpoint): boolean;
  npPeer(peer: NpPeer, pol: NetPol, other: Peer): boolean;
  adminSubject(p: AdminPolicy, ep: Endpoint): boolean;
  adminPeer(peer: AdminPeer, other: Peer): boolean;
  /** The Cilium rule selects this pod (its endpointSelector over the pod's identity labels). */
  cnpSelects(p: CiliumPolicy, ep: Endpoint): boolean;
  cnpPeer(peer: CnpPeer, other: Peer): boolean;
}

const identities = new WeakMap<Endpoint, Record<string, string>>();

/** The labels Cilium derives a pod's security identity from: its labels, namespace, namespace labels, service account, cluster. */
export function identityLabels(ep: Endpoint): Record<string, string> {
  let id = identities.get(ep);
  if (!id) {
    id = { ...ep.labels, [CILIUM_NS_KEY]: ep.namespace, [CILIUM_SA_KEY]: ep.serviceAccount ?? 'default', [CILIUM_CLUSTER_KEY]: 'default' };
    for (const [k, v] of Object.entries(ep.nsLabels)) id[`${CILIUM_NS_LABELS}${k}`] = v;
    identities.set(ep, id);
  }
  return id;
}

function cnpPeerMatches(peer: CnpPeer, other: Peer): boolean {
  switch (peer.kind) {
    case 'unmodelled': return false;
    case 'cidr':
      return other.kind === 'ip' && contains(peer.cidr, other.range) && !peer.except.some((e) => overlaps(e, other.range));
    case 'endpoints':
      // Endpoint selectors select pods with a Cilium identity; host-network pods have the host's.
      return other.kind === 'pod' && !other.ep.hostNetwork && matchesSelector(identityLabels(other.ep), peer.selector);
    case 'entities': {
      const e = peer.entities;
      if (e.includes('all')) return true;
      if (other.kind === 'ip') return e.includes('world') || (e.includes('world-ipv4') && other.range.family === 4) || (e.includes('world-ipv6') && other.range.family === 6);
      if (e.includes('cluster')) return true;
      return other.ep.hostNetwork && e.includes('host') && e.includes('remote-node');
    }
  }
}

function podsMatch(sel: PodsSelection, ep: Endpoint): boolean {
  return matchesSelector(ep.nsLabels, sel.namespaceSelector) && (!sel.podSelector || matchesSelector(ep.labels, sel.podSelector));
}

/**
 * The semantics, computed directly. hostNetwork pods are outside NetworkPolicy: no policy
 * isolates them, and as peers they have their node's address, which no pod selector matches and
 * which is unknown, so only rules open to every peer match them.
 */
export const directMatcher: Matcher = {
  npSelects: (p, ep) => !ep.hostNetwork && ep.namespace === p.namespace && matchesSelector(ep.labels, p.podSelector),
  npPeer(peer, pol, other) {
    if (peer.kind === 'invalid') return false;
    if (peer.kind === 'ipBlock') {
      if (other.kind !== 'ip' || !contains(peer.cidr, other.range)) return false;
      return !peer.except.some((e) => overlaps(e, other.range));
    }
    if (other.kind !== 'pod' || other.ep.hostNetwork) return false;
    const ep = other.ep;
    if (peer.namespaceSelector ? !matchesSelector(ep.nsLabels, peer.namespaceSelector) : ep.namespace !== pol.namespace) return false;
    return !peer.podSelector || matchesSelector(ep.labels, peer.podSelector);
  },
  adminSubject: (p, ep) => !ep.hostNetwork && p.subject !== undefined && podsMatch(p.subject, ep),
  adminPeer(peer, other) {
    if (peer.kind === 'none') return false;
    if (peer.kind === 'networks') return other.kind === 'ip' && peer.ranges.some((r) => contains(r, other.range));
    return other.kind === 'pod' && !other.ep.hostNetwork && podsMatch(peer, other.ep);
  },
  cnpSelects: (p, ep) => !ep.hostNetwork && p.selectsPods && (p.namespace === undefined || p.namespace === ep.namespace) && matchesSelector(identityLabels(ep), p.endpointSelector),
  cnpPeer: cnpPeerMatches,
};

/** Caches every answer per (question, endpoint): the matrix asks the same ones for many pairs. */
export function memoMatcher(base: Matcher = directMatcher): Matcher {
  const cache = new Map<object, Map<object, boolean>>();
  const key = (o: Peer): object => (o.kind === 'pod' ? o.ep : o.range);
  const memo = (q: object, k: object, f: () => boolean): boolean => {
    let m = cache.get(q);
    if (!m) cache.set(q, (m = new Map()));
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = f()));
    return v;
  };
  return {
    npSelects: (p, ep) => memo(p, ep, () => base.npSelects(p, ep)),
    npPeer: (peer, pol, other) => memo(peer, key(other), () => base.npPeer(peer, pol, other)),
    adminSubject: (p, ep) => memo(p, ep, () => base.adminSubject(p, ep)),
    adminPeer: (peer, other) => memo(peer, key(other), () => base.adminPeer(peer, other)),
    cnpSelects: (p, ep) => memo(p, ep, () => base.cnpSelects(p, ep)),
    cnpPeer: (peer, other) => memo(peer, key(other), () => base.cnpPeer(peer, other)),
  };
}

/** The ports a NetworkPolicy rule's port list allows towards `dst`; named ports resolve on the destination pod. */
export function npRulePorts(ports: NpPort[] | 'all', dst: Peer): PortSet {
  if (ports === 'all') return ALL_PORTS;
  let out = NO_PORTS;
  for (const p of ports) {
    if (p.port === undefined) out = union(out, allOf(p.protocol));
    else if (typeof p.port === 'number') out = union(out, portRange(p.protocol, p.port, p.endPort ?? p.port));
    else if (dst.kind === 'pod') for (const np of dst.ep.namedPorts) if (np.name === p.port && np.protocol === p.protocol) out = union(out, portRange(np.protocol, np.port));
  }
  return out;
}

export function adminRulePorts(ports: AdminPort[] | 'all', dst: Peer): PortSet {
  if (ports === 'all') return ALL_PORTS;
  let out = NO_PORTS;
  for (const p of ports) {
    if ('named' in p) {
      if (dst.kind === 'pod') for (const np of dst.ep.namedPorts) if (np.name === p.named) out = union(out, portRange(np.protocol, np.port));
    } else out = union(out, portRange(p.protocol, p.lo, p.hi));
  }
  return out;
}
