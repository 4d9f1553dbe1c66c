import { buildEscalationGraph, CLUSTER_ADMIN, type Edge, type EscalationGraph } from './escalation-graph.js';
import type { RbacModel } from './model.js';

export interface EscalationPath {
  /** The subject the path starts from. */
  from: string;
  hops: Edge[];
}

export interface PathsResult {
  target: string;
  /** Subjects that hold the target directly (one hop), with the edge. */
  direct: EscalationPath[];
  /** Shortest paths of two or more hops from every other subject that reaches the target. */
  paths: EscalationPath[];
  graph: { nodes: number; edges: number };
}

/**
 * Shortest "can become" paths from every subject to the target (cluster-admin-equivalent power by
 * default). One breadth-first search backwards from the target gives every node its distance and
 * next hop: linear in the graph, whatever its cycles and fan-out. A path ends at the first hop
 * that reaches the target, and each path is read off the next-hop pointers.
 */
export function escalationPaths(model: RbacModel, opts: { target?: string; maxHops?: number; graph?: EscalationGraph } = {}): PathsResult {
  const target = opts.target ?? CLUSTER_ADMIN;
  const maxHops = opts.maxHops ?? 8;
  const graph = opts.graph ?? buildEscalationGraph(model);
  const incoming = graph.incoming();
  const next = new Map<string, Edge>();
  const dist = new Map<string, number>([[target, 0]]);
  let frontier = [target];
  while (frontier.length && dist.get(frontier[0]!)! < maxHops) {
    const nextFrontier: string[] = [];
    for (const node of frontier) {
      const d = dist.get(node)!;
      for (const e of incoming.get(node) ?? []) {
        if (dist.has(e.from)) continue;
        dist.set(e.from, d + 1);
        next.set(e.from, e);
        nextFrontier.push(e.from);
      }
    }
    frontier = nextFrontier;
  }
  const direct: EscalationPath[] = [];
  const paths: EscalationPath[] = [];
  for (const s of [...graph.subjects].sort()) {
    if (s === target || !next.has(s)) continue;
    const hops: Edge[] = [];
    for (let at = s; at !== target; ) {
      const e = next.get(at)!;
      hops.push(e);
      at = e.to;
    }
    (hops.length === 1 ? direct : paths).push({ from: s, hops });
  }
  let edges = 0;
  for (const l of graph.out.values()) edges += l.length;
  const nodes = new Set<string>();
  for (const l of graph.out.values()) for (const e of l) (nodes.add(e.from), nodes.add(e.to));
  paths.sort((a, b) => a.hops.length - b.hops.length || (a.from < b.from ? -1 : 1));
  return { target, direct, paths, graph: { nodes: nodes.size, edges } };
}
