/** The reachability matrix: every workload × workload and workload × external-range connection, computed per class. */
import { classPairs } from './class-pairs.js';
import { classify } from './classes.js';
import type { Cluster, Endpoint, Workload } from './cluster.js';
import { npExternals } from './externals.js';
import { atomize, fullRange, mergeRanges, rangeToCidrs, type IpRange } from './ip.js';
import { memoMatcher, type Peer } from './match.js';
import { isEmpty, portsKey, type PortSet } from './ports.js';
import { connectionPorts } from './reach.js';
import type { Connection } from '../../model/ports.js';

export type { Connection } from '../../model/ports.js';

export type { External } from './externals.js';
import type { External } from './externals.js';

export interface Matrix {
  workloads: Workload[];
  classOf: Int32Array;
  classes: number;
  /** classes × classes, row = source class. */
  pods: PortSet[];
  externals: External[];
}

/** Address ranges every ipBlock and AdminNetworkPolicy network splits the address space into. */
function externalAtoms(c: Cluster): IpRange[] {
  const ranges: IpRange[] = [];
  for (const p of c.policies) {
    for (const r of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      if (r.peers === 'all') continue;
      for (const peer of r.peers) if (peer.kind === 'ipBlock') ranges.push(peer.cidr, ...peer.except);
    }
  }
  for (const p of [...c.admin, ...c.baseline]) for (const r of p.egress) for (const peer of r.peers) if (peer.kind === 'networks') ranges.push(...peer.ranges);
  for (const p of c.cilium) {
    for (const r of [...p.ingress, ...p.egress, ...p.ingressDeny, ...p.egressDeny]) {
      if (r.peers === 'all') continue;
      for (const peer of r.peers) {
        if (peer.kind === 'cidr') ranges.push(peer.cidr, ...peer.except);
        // world-ipv4 / world-ipv6 split the address space by family.
        if (peer.kind === 'entities') ranges.push(fullRange(4), fullRange(6));
      }
    }
  }
  return atomize(ranges);
}

/**
 * The matrix. The class × class part (`pods`, classes² port sets) is computed on first use: the
 * checks read only the externals, and a cluster of 100,000 objects has tens of thousands of classes.
 */
export function computeMatrix(c: Cluster): Matrix {
  const { reps, classOf } = classify(c, c.workloads);
  const n = reps.length;
  const atoms = externalAtoms(c);
  const externals = c.admin.length || c.baseline.length || c.cilium.length ? tieredExternals(c, reps, atoms) : npExternals(c, reps, atoms);
  let pods: PortSet[] | undefined;
  return {
    workloads: c.workloads,
    classOf,
    classes: n,
    get pods() { return (pods ??= classPairs(c, reps)); },
    set pods(v) { pods = v; },
    externals,
  };
}

/** The general evaluation (every tier) of each atom against each class, atoms with equal answers merged. */
export function tieredExternals(c: Cluster, reps: readonly Endpoint[], atoms: readonly IpRange[]): External[] {
  const m = memoMatcher();
  // Atoms with the same connections to and from every class are one external peer.
  const groups = new Map<string, External>();
  for (const atom of atoms) {
    const ip: Peer = { kind: 'ip', range: atom };
    const egress = reps.map((ep) => connectionPorts(c, { kind: 'pod', ep }, ip, m));
    const ingress = reps.map((ep) => connectionPorts(c, ip, { kind: 'pod', ep }, m));
    const key = [...egress, ...ingress].map(portsKey).join(';');
    const g = groups.get(key);
    if (g) g.ranges.push(atom);
    else groups.set(key, { name: '', ranges: [atom], egress, ingress });
  }
  const externals = [...groups.values()];
  for (const e of externals) {
    e.ranges = mergeRanges(e.ranges);
    e.name = e.ranges.flatMap(rangeToCidrs).join(',');
  }
  return externals;
}

/**
 * Every ordered pair with a non-empty allowed set, sorted by source then destination: workload
 * pairs (a workload and itself excluded), then workload → external, then external → workload.
 * `keep` limits the workloads (e.g. to one namespace: pairs with at least one end kept).
 */
export function* connections(mx: Matrix, keep: (w: Workload) => boolean = () => true): Generator<Connection> {
  const order = mx.workloads.map((w, i) => i).sort((a, b) => (mx.workloads[a]!.id < mx.workloads[b]!.id ? -1 : 1));
  const n = mx.classes;
  for (const i of order) {
    const src = mx.workloads[i]!;
    const ci = mx.classOf[i]!;
    const srcKept = keep(src);
    for (const j of order) {
      if (i === j) continue;
      const dst = mx.workloads[j]!;
      if (!srcKept && !keep(dst)) continue;
      const allowed = mx.pods[ci * n + mx.classOf[j]!]!;
      if (!isEmpty(allowed)) yield { src: src.id, dst: dst.id, allowed };
    }
    if (!srcKept) continue;
    for (const e of mx.externals) if (!isEmpty(e.egress[ci]!)) yield { src: src.id, dst: e.name, allowed: e.egress[ci]! };
  }
  for (const e of mx.externals) {
    for (const j of order) {
      const dst = mx.workloads[j]!;
      if (!keep(dst)) continue;
      const allowed = e.ingress[mx.classOf[j]!]!;
      if (!isEmpty(allowed)) yield { src: e.name, dst: dst.id, allowed };
    }
  }
}
