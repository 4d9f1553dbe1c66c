/**
 * Connections between pod classes and the address ranges outside the cluster, when only
 * NetworkPolicies are present (AdminNetworkPolicies take the general path in matrix.ts).
 *
 * An address range (atom) is seen by NetworkPolicies only through the ipBlocks (cidr minus excepts)
 * that contain it, so atoms are first grouped by that set, and each distinct ipBlock is matched
 * against the sorted atoms once (binary search, then only the atoms it covers). A class's ports to or
 * from an atom are then the union of its isolating rules open to every peer (the same for every atom:
 * the class's base) and of its rules whose ipBlocks contain the atom; only those second entries are
 * stored, per atom group. The cost is the sum of what each ipBlock covers plus what each class's
 * ipBlock rules cover, never atoms × classes × policies.
 */
import type { Cluster, Endpoint } from './cluster.js';
import { contains, mergeRanges, overlaps, rangeToCidrs, type IpRange } from './ip.js';
import { directMatcher, npRulePorts, type Peer } from './match.js';
import { ALL_PORTS, NO_PORTS, portsKey, union, type PortSet } from './ports.js';
import type { NpPeer } from './policies.js';

export interface External {
  /** CIDR blocks, comma-separated: the name the matrix gives the range. */
  name: string;
  ranges: IpRange[];
  /** Per class: ports from the class's pods to this range, and from this range to them. */
  egress: PortSet[];
  ingress: PortSet[];
}


type IpBlock = NpPeer & { kind: 'ipBlock' };

/** Counts of the work done, for tests that check the cost grows linearly (never by time). */
export const externalsWork = { covered: 0, overrides: 0 };

function cmp(a: IpRange, b: IpRange): number {
  return a.family - b.family || (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0);
}

/** Index of the first atom that does not end before `r` starts (atoms are sorted, disjoint, IPv4 first). */
function firstReaching(atoms: readonly IpRange[], r: IpRange): number {
  let lo = 0, hi = atoms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const a = atoms[mid]!;
    if (a.family < r.family || (a.family === r.family && a.hi < r.lo)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The range of atom indexes [from, to) inside `r` (atoms are aligned with every ipBlock's cidr and excepts). */
function atomSpan(atoms: readonly IpRange[], r: IpRange): [number, number] {
  const from = firstReaching(atoms, r);
  let lo = from, hi = atoms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const a = atoms[mid]!;
    if (a.family === r.family && a.lo <= r.hi) lo = mid + 1;
    else hi = mid;
  }
  return [from, lo];
}

/** True when the ipBlock matches the atom: inside the cidr, and overlapping no except. */
function blockMatches(block: IpBlock, atom: IpRange): boolean {
  return contains(block.cidr, atom) && !block.except.some((e) => overlaps(e, atom));
}

/** A deterministic 32-bit value per block id (two independent lanes make a 64-bit set hash). */
function lane(id: number, seed: number): number {
  let h = Math.imul(id + 1, 0x9e3779b1) ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** `atoms` as computed by matrix.ts (sorted, disjoint); `reps` one endpoint per class. */
export function npExternals(c: Cluster, reps: readonly Endpoint[], atoms: readonly IpRange[]): External[] {
  for (let i = 1; i < atoms.length; i++) if (cmp(atoms[i - 1]!, atoms[i]!) >= 0) throw new Error('atoms must be sorted');
  // 1. Distinct ipBlocks (same cidr and excepts match the same atoms).
  const blockId = new Map<IpBlock, number>();
  const byText = new Map<string, number>();
  const blocks: IpBlock[] = [];
  for (const p of c.policies) {
    for (const r of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      if (r.peers === 'all') continue;
      for (const peer of r.peers) {
        if (peer.kind !== 'ipBlock') continue;
        const key = `${peer.cidr.family}:${peer.cidr.lo}-${peer.cidr.hi}|${peer.except.map((e) => `${e.family}:${e.lo}-${e.hi}`).sort().join(',')}`;
        let id = byText.get(key);
        if (id === undefined) byText.set(key, (id = blocks.push(peer) - 1));
        blockId.set(peer, id);
      }
    }
  }
  // 2. Atom groups: atoms inside exactly the same ipBlocks. Each atom's set of blocks is summed into a
  // 64-bit hash with difference arrays (+ over the cidr's atoms, - over its excepts' atoms), so the
  // cost is the number of cidrs and excepts (times log atoms), not blocks × atoms. The key is the two
  // 32-bit lanes and the number of blocks (a wrong merge needs a 64-bit collision at equal counts).
  const diffA = new Int32Array(atoms.length + 1);
  const diffB = new Int32Array(atoms.length + 1);
  const diffN = new Int32Array(atoms.length + 1);
  const add = (from: number, to: number, a: number, b: number) => {
    diffA[from] = (diffA[from]! + a) | 0, diffA[to] = (diffA[to]! - a) | 0;
    diffB[from] = (diffB[from]! + b) | 0, diffB[to] = (diffB[to]! - b) | 0;
    externalsWork.covered++;
  };
  blocks.forEach((block, id) => {
    const a = lane(id, 0x1b873593) | 0, b = lane(id, 0x5bd1e995) | 0;
    const [from, to] = atomSpan(atoms, block.cidr);
    add(from, to, a, b);
    diffN[from]!++, diffN[to]!--;
    for (const e of mergeRanges(block.except)) {
      if (!overlaps(e, block.cidr)) continue;
      const [ef, et] = atomSpan(atoms, e);
      const lo = Math.max(ef, from), hi = Math.min(et, to);
      if (lo >= hi) continue;
      add(lo, hi, -a | 0, -b | 0);
      diffN[lo]!--, diffN[hi]!++;
    }
  });
  const groupOfKey = new Map<string, number>();
  const groupOf = new Int32Array(atoms.length);
  const members: number[][] = [];
  let ha = 0, hb = 0, n = 0;
  for (let i = 0; i < atoms.length; i++) {
    ha = (ha + diffA[i]!) | 0, hb = (hb + diffB[i]!) | 0, n += diffN[i]!;
    const key = `${ha}:${hb}:${n}`;
    let g = groupOfKey.get(key);
    if (g === undefined) groupOfKey.set(key, (g = members.push([]) - 1));
    members[g]!.push(i);
    groupOf[i] = g;
  }
  const groupsOfBlock: number[][] = blocks.map(() => []);
  members.forEach((list, g) => {
    const atom = atoms[list[0]!]!;
    blocks.forEach((bl, id) => { if (blockMatches(bl, atom)) groupsOfBlock[id]!.push(g); });
  });
  const blockGroups = groupsOfBlock;
  const groups = members.length;
  // 3. Per class and direction: the base (what every atom gets), and per atom group what its ipBlock rules add.
  const base: PortSet[][] = [[], []];
  const extra: Map<number, PortSet>[] = Array.from({ length: groups }, () => new Map());
  const ip: Peer = { kind: 'ip', range: { family: 4, lo: 0n, hi: 0n } };
  (['egress', 'ingress'] as const).forEach((dir, d) => {
    reps.forEach((ep, k) => {
      let b: PortSet = ALL_PORTS;
      if (!ep.hostNetwork) {
        let isolated = false;
        let open = NO_PORTS;
        const portsAt: Peer = dir === 'egress' ? ip : { kind: 'pod', ep };
        for (const p of c.policiesByNamespace.get(ep.namespace) ?? []) {
          const rules = p[dir];
          if (!rules || !directMatcher.npSelects(p, ep)) continue;
          isolated = true;
          for (const rule of rules) {
            if (rule.peers === 'all') {
              open = union(open, npRulePorts(rule.ports, portsAt));
              continue;
            }
            let ports: PortSet | undefined;
            const seen = new Set<number>();
            for (const peer of rule.peers) {
              if (peer.kind !== 'ipBlock') continue;
              for (const g of blockGroups[blockId.get(peer)!]!) {
                if (seen.has(g)) continue;
                seen.add(g);
                ports ??= npRulePorts(rule.ports, portsAt);
                const slot = k * 2 + d;
                const m = extra[g]!;
                m.set(slot, union(m.get(slot) ?? NO_PORTS, ports));
                externalsWork.overrides++;
              }
            }
          }
        }
        if (isolated) b = open;
      }
      base[d]![k] = b;
    });
  });
  // The final values of the overridden entries; the group's key lists those that differ from the base.
  const keyOf: string[] = [];
  for (let g = 0; g < groups; g++) {
    const m = extra[g]!;
    const parts: string[] = [];
    for (const [slot, add] of [...m].sort((x, y) => x[0] - y[0])) {
      const b = base[slot & 1]![slot >> 1]!;
      const v = union(b, add);
      m.set(slot, v);
      if (portsKey(v) !== portsKey(b)) parts.push(`${slot}=${portsKey(v)}`);
    }
    keyOf.push(parts.join(';'));
  }
  // 4. Externals in the order of their first atom, as the general path gives them.
  const byKey = new Map<string, { ranges: IpRange[]; group: number }>();
  atoms.forEach((atom, a) => {
    const g = groupOf[a]!;
    const key = keyOf[g]!;
    const e = byKey.get(key);
    if (e) e.ranges.push(atom);
    else byKey.set(key, { ranges: [atom], group: g });
  });
  const vector = (g: number, d: number): PortSet[] => {
    const out = base[d]!.slice();
    for (const [slot, v] of extra[g]!) if ((slot & 1) === d) out[slot >> 1] = v;
    return out;
  };
  return [...byKey.values()].map(({ ranges, group }) => {
    const merged = mergeRanges(ranges);
    let egress: PortSet[] | undefined;
    let ingress: PortSet[] | undefined;
    return {
      name: merged.flatMap(rangeToCidrs).join(','),
      ranges: merged,
      get egress() { return (egress ??= vector(group, 0)); },
      set egress(v) { egress = v; },
      get ingress() { return (ingress ??= vector(group, 1)); },
      set ingress(v) { ingress = v; },
    };
  });
}
