/**
 * Class × class port sets when only NetworkPolicies are present: each class's isolating rules are
 * found once, each peer is matched against each class once (a bit per class), so a pair costs a
 * few bit lookups and port-set unions. With admin policies the general tiered evaluation is used.
 */
import type { Cluster, Endpoint } from './cluster.js';
import { directMatcher, memoMatcher, npRulePorts, type Peer } from './match.js';
import { ALL_PORTS, intersect, isEmpty, NO_PORTS, union, type PortSet } from './ports.js';
import type { NpRule } from './policies.js';
import { connectionPorts, type Direction } from './reach.js';

interface AppliedRule {
  /** One bit array per peer (1 = the class matches it); null when the rule is open to every peer. */
  peers: Uint8Array[] | null;
  rule: NpRule;
  /** The rule's ports when they do not depend on the destination (no named ports). */
  fixed?: PortSet;
}

export function classPairs(c: Cluster, reps: readonly Endpoint[]): PortSet[] {
  const n = reps.length;
  const out: PortSet[] = new Array(n * n);
  if (c.admin.length || c.baseline.length || c.cilium.length) {
    const m = memoMatcher();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = connectionPorts(c, { kind: 'pod', ep: reps[i]! }, { kind: 'pod', ep: reps[j]! }, m);
    return out;
  }
  const bits = new Map<object, Uint8Array>();
  const peerBits = (peer: object, test: (ep: Endpoint) => boolean): Uint8Array => {
    let b = bits.get(peer);
    if (!b) {
      b = new Uint8Array(n);
      for (let j = 0; j < n; j++) b[j] = test(reps[j]!) ? 1 : 0;
      bits.set(peer, b);
    }
    return b;
  };
  const applied = (ep: Endpoint, dir: Direction): AppliedRule[] | undefined => {
    let isolated = false;
    const rules: AppliedRule[] = [];
    for (const p of c.policiesByNamespace.get(ep.namespace) ?? []) {
      const list = p[dir];
      if (!list || !directMatcher.npSelects(p, ep)) continue;
      isolated = true;
      for (const rule of list) {
        const peers = rule.peers === 'all' ? null : rule.peers.map((peer) => peerBits(peer, (other) => directMatcher.npPeer(peer, p, { kind: 'pod', ep: other })));
        const named = rule.ports !== 'all' && rule.ports.some((pt) => typeof pt.port === 'string');
        rules.push(named ? { peers, rule } : { peers, rule, fixed: npRulePorts(rule.ports, { kind: 'ip', range: { family: 4, lo: 0n, hi: 0n } }) });
      }
    }
    return isolated ? rules : undefined;
  };
  const egress = reps.map((ep) => applied(ep, 'egress'));
  const ingress = reps.map((ep) => applied(ep, 'ingress'));
  const allowed = (rules: AppliedRule[], other: number, dst: Peer): PortSet => {
    let ports = NO_PORTS;
    for (const r of rules) {
      if (r.peers !== null && !r.peers.some((b) => b[other] === 1)) continue;
      ports = union(ports, r.fixed ?? npRulePorts(r.rule.ports, dst));
      if (ports === ALL_PORTS) break;
    }
    return ports;
  };
  for (let j = 0; j < n; j++) {
    const dst: Peer = { kind: 'pod', ep: reps[j]! };
    const inRules = ingress[j];
    for (let i = 0; i < n; i++) {
      const e = egress[i] ? allowed(egress[i]!, j, dst) : ALL_PORTS;
      out[i * n + j] = isEmpty(e) ? NO_PORTS : inRules ? intersect(e, allowed(inRules, i, dst)) : e;
    }
  }
  return out;
}
