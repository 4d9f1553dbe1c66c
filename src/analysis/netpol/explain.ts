/** Why one connection on one port is allowed or denied: the deciding tier, policies and rules, per direction. */
import type { AdminPolicy, AdminRule } from './admin-policies.js';
import { ciliumName, ciliumObjectName } from './cilium-policies.js';
import type { Cluster, Endpoint } from './cluster.js';
import { adminRulePorts, directMatcher, npRulePorts, type Matcher, type Peer } from './match.js';
import { hasPort, type Protocol } from './ports.js';
import type { Direction } from './reach.js';

export type { RuleRef, DirectionVerdict, Verdict } from '../../model/netpol-verdict.js';
import type { DirectionVerdict, RuleRef, Verdict } from '../../model/netpol-verdict.js';

/** `NetworkPolicy namespace/name`, with the namespace the policy lands in. */
export function policyName(p: { namespace: string; name: string }): string {
  return `NetworkPolicy ${p.namespace}/${p.name}`;
}

function adminName(p: AdminPolicy): string {
  return `${p.object.kind} ${p.name}`;
}

function firstAdminRule(list: readonly AdminPolicy[], dir: Direction, subject: Endpoint, other: Peer, portsAt: Peer, protocol: Protocol, port: number, m: Matcher): { policy: AdminPolicy; rule: AdminRule; applying: string[] } | { applying: string[] } {
  const applying: string[] = [];
  for (const p of list) {
    if (!m.adminSubject(p, subject)) continue;
    applying.push(adminName(p));
    for (const rule of p[dir]) {
      if (rule.peers.some((peer) => m.adminPeer(peer, other)) && hasPort(adminRulePorts(rule.ports, portsAt), protocol, port)) return { policy: p, rule, applying };
    }
  }
  return { applying };
}

function adminRef(p: AdminPolicy, r: AdminRule): RuleRef {
  return { policy: adminName(p), rule: r.path, name: r.name, action: r.action };
}

/** One direction, one port, decided by first match (the matrix computes the same with port sets). */
export function explainDirection(c: Cluster, dir: Direction, subject: Endpoint, other: Peer, protocol: Protocol, port: number, m: Matcher = directMatcher): DirectionVerdict {
  if (subject.hostNetwork) return { allowed: true, decidedBy: 'host-network', policies: [], rules: [], reason: 'the pod uses the host network: network policies do not apply to it' };
  const portsAt: Peer = dir === 'egress' ? other : { kind: 'pod', ep: subject };
  const admin = firstAdminRule(c.admin, dir, subject, other, portsAt, protocol, port, m);
  if ('rule' in admin && admin.rule.action !== 'Pass') {
    const allowed = admin.rule.action === 'Allow';
    return { allowed, decidedBy: 'admin', policies: [adminName(admin.policy)], rules: [adminRef(admin.policy, admin.rule)], reason: `${adminName(admin.policy)} rule "${admin.rule.name}" says ${admin.rule.action}` };
  }
  const isolating: string[] = [];
  const allowing: RuleRef[] = [];
  for (const p of c.policiesByNamespace.get(subject.namespace) ?? []) {
    const rules = p[dir];
    if (!rules || !m.npSelects(p, subject)) continue;
    isolating.push(policyName(p));
    for (const rule of rules) {
      const peerOk = rule.peers === 'all' || rule.peers.some((peer) => m.npPeer(peer, p, other));
      if (peerOk && hasPort(npRulePorts(rule.ports, portsAt), protocol, port)) allowing.push({ policy: policyName(p), rule: rule.path });
    }
  }
  // Cilium policies: same tier; their deny rules win over every allow.
  const denying: RuleRef[] = [];
  const unmodelled: string[] = [];
  for (const p of c.cilium) {
    if (!m.cnpSelects(p, subject)) continue;
    const name = ciliumObjectName(p);
    for (const n of p.notes[dir]) unmodelled.push(`${name} ${n}`);
    if (p.isolates[dir]) isolating.push(ciliumName(p));
    for (const rule of p[dir]) {
      const peerOk = rule.peers === 'all' || rule.peers.some((peer) => m.cnpPeer(peer, other));
      if (peerOk && hasPort(npRulePorts(rule.ports, portsAt), protocol, port)) allowing.push({ policy: name, rule: rule.path });
    }
    for (const rule of dir === 'ingress' ? p.ingressDeny : p.egressDeny) {
      const peerOk = rule.peers === 'all' || rule.peers.some((peer) => m.cnpPeer(peer, other));
      if (peerOk && hasPort(npRulePorts(rule.ports, portsAt), protocol, port)) denying.push({ policy: name, rule: rule.path, action: 'Deny' });
    }
  }
  const notes = unmodelled.length ? { unmodelled } : {};
  const passNote = 'rule' in admin ? `${adminName(admin.policy)} rule "${admin.rule.name}" passes to NetworkPolicies; ` : '';
  if (denying.length) {
    return { allowed: false, decidedBy: 'networkpolicy', policies: isolating.length ? isolating : [...new Set(denying.map((r) => r.policy))], rules: denying, reason: `${passNote}denied by ${denying.length} Cilium deny rule(s)`, ...notes };
  }
  if (isolating.length) {
    return allowing.length
      ? { allowed: true, decidedBy: 'networkpolicy', policies: isolating, rules: allowing, reason: `${passNote}allowed by ${allowing.length} policy rule(s)`, ...notes }
      : { allowed: false, decidedBy: 'networkpolicy', policies: isolating, rules: [], reason: `${passNote}the pod is isolated for ${dir} and no rule of its policies allows this`, ...notes };
  }
  const base = firstAdminRule(c.baseline, dir, subject, other, portsAt, protocol, port, m);
  if ('rule' in base) {
    return { allowed: base.rule.action === 'Allow', decidedBy: 'baseline', policies: [adminName(base.policy)], rules: [adminRef(base.policy, base.rule)], reason: `${passNote}${adminName(base.policy)} rule "${base.rule.name}" says ${base.rule.action}`, ...notes };
  }
  return { allowed: true, decidedBy: 'default', policies: [], rules: [], reason: `${passNote}no policy selects the pod for ${dir}: all ${dir} traffic is allowed`, ...notes };
}

const NOT_APPLICABLE = (dir: Direction): DirectionVerdict => ({ allowed: true, decidedBy: 'not-applicable', policies: [], rules: [], reason: `the ${dir === 'egress' ? 'source' : 'destination'} is outside the cluster: no ${dir} policy applies` });

/** A connection on one numeric port: allowed when the source's egress and the destination's ingress both allow it. */
export function explainConnection(c: Cluster, src: Peer, dst: Peer, protocol: Protocol, port: number, m: Matcher = directMatcher): Verdict {
  const egress = src.kind === 'pod' ? explainDirection(c, 'egress', src.ep, dst, protocol, port, m) : NOT_APPLICABLE('egress');
  const ingress = dst.kind === 'pod' ? explainDirection(c, 'ingress', dst.ep, src, protocol, port, m) : NOT_APPLICABLE('ingress');
  return { allowed: egress.allowed && ingress.allowed, protocol, port, egress, ingress };
}
