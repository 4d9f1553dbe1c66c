/**
 * Which ports a connection may use, per direction, as a port set. The tiers, in order:
 * AdminNetworkPolicies by priority (first matching rule decides: Allow, Deny, or Pass to the next
 * tier), then the pod's NetworkPolicies (if any isolates it in that direction, only what some rule
 * allows), then BaselineAdminNetworkPolicy (first matching rule), then allow.
 */
import type { AdminPolicy } from './admin-policies.js';
import type { Cluster, Endpoint } from './cluster.js';
import { adminRulePorts, directMatcher, npRulePorts, type Matcher, type Peer } from './match.js';
import { ALL_PORTS, intersect, isEmpty, NO_PORTS, subtract, union, type PortSet } from './ports.js';

export type Direction = 'ingress' | 'egress';

function adminTier(list: readonly AdminPolicy[], dir: Direction, subject: Endpoint, other: Peer, portsAt: Peer, m: Matcher, remaining: PortSet): { allowed: PortSet; rest: PortSet; passed: PortSet } {
  let allowed = NO_PORTS, passed = NO_PORTS, rest = remaining;
  for (const p of list) {
    if (isEmpty(rest)) break;
    if (!m.adminSubject(p, subject)) continue;
    for (const rule of p[dir]) {
      if (!rule.peers.some((peer) => m.adminPeer(peer, other))) continue;
      const rp = intersect(adminRulePorts(rule.ports, portsAt), rest);
      if (isEmpty(rp)) continue;
      if (rule.action === 'Allow') allowed = union(allowed, rp);
      else if (rule.action === 'Pass') passed = union(passed, rp);
      rest = subtract(rest, rp);
      if (isEmpty(rest)) break;
    }
  }
  return { allowed, rest, passed };
}

/**
 * The NetworkPolicy tier, Cilium policies included (Cilium enforces both as one set): undefined when no
 * policy isolates the pod in this direction, else what some allow rule allows.
 */
export function npAllowed(c: Cluster, dir: Direction, subject: Endpoint, other: Peer, portsAt: Peer, m: Matcher): PortSet | undefined {
  let isolated = false;
  let allowed = NO_PORTS;
  for (const p of c.policiesByNamespace.get(subject.namespace) ?? []) {
    const rules = p[dir];
    if (!rules || !m.npSelects(p, subject)) continue;
    isolated = true;
    for (const rule of rules) {
      if (allowed === ALL_PORTS) break;
      if (rule.peers !== 'all' && !rule.peers.some((peer) => m.npPeer(peer, p, other))) continue;
      allowed = union(allowed, npRulePorts(rule.ports, portsAt));
    }
  }
  for (const p of c.cilium) {
    if (!m.cnpSelects(p, subject)) continue;
    if (p.isolates[dir]) isolated = true;
    for (const rule of p[dir]) {
      if (allowed === ALL_PORTS) break;
      if (rule.peers !== 'all' && !rule.peers.some((peer) => m.cnpPeer(peer, other))) continue;
      allowed = union(allowed, npRulePorts(rule.ports, portsAt));
    }
  }
  return isolated ? allowed : undefined;
}

/** Ports Cilium deny rules (ingressDeny/egressDeny) take away; they win over every allow of the tier and below. */
export function ciliumDenied(c: Cluster, dir: Direction, subject: Endpoint, other: Peer, portsAt: Peer, m: Matcher): PortSet {
  let denied = NO_PORTS;
  for (const p of c.cilium) {
    const rules = dir === 'ingress' ? p.ingressDeny : p.egressDeny;
    if (rules.length === 0 || !m.cnpSelects(p, subject)) continue;
    for (const rule of rules) {
      if (rule.peers !== 'all' && !rule.peers.some((peer) => m.cnpPeer(peer, other))) continue;
      denied = union(denied, npRulePorts(rule.ports, portsAt));
    }
  }
  return denied;
}

/**
 * Ports allowed in one direction. For egress the subject is the source and `other` the
 * destination; for ingress the subject is the destination. Named ports resolve on the destination.
 */
export function directionPorts(c: Cluster, dir: Direction, subject: Endpoint, other: Peer, m: Matcher = directMatcher): PortSet {
  if (subject.hostNetwork) return ALL_PORTS;
  const portsAt: Peer = dir === 'egress' ? other : { kind: 'pod', ep: subject };
  let allowed = NO_PORTS;
  let toNp = ALL_PORTS;
  if (c.admin.length) {
    const a = adminTier(c.admin, dir, subject, other, portsAt, m, ALL_PORTS);
    allowed = a.allowed;
    toNp = union(a.rest, a.passed);
    if (isEmpty(toNp)) return allowed;
  }
  const np = npAllowed(c, dir, subject, other, portsAt, m);
  const denied = c.cilium.length ? ciliumDenied(c, dir, subject, other, portsAt, m) : NO_PORTS;
  if (np !== undefined) return union(allowed, subtract(intersect(toNp, np), denied));
  if (c.baseline.length) {
    const b = adminTier(c.baseline, dir, subject, other, portsAt, m, toNp);
    return union(allowed, subtract(union(b.allowed, b.rest), denied));
  }
  return union(allowed, subtract(toNp, denied));
}

/** Ports a connection from `src` to `dst` may use: the source's egress and the destination's ingress must both allow. */
export function connectionPorts(c: Cluster, src: Peer, dst: Peer, m: Matcher = directMatcher): PortSet {
  let out = ALL_PORTS;
  if (src.kind === 'pod') out = directionPorts(c, 'egress', src.ep, dst, m);
  if (isEmpty(out)) return out;
  if (dst.kind === 'pod') out = intersect(out, directionPorts(c, 'ingress', dst.ep, src, m));
  return out;
}
