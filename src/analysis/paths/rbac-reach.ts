/**
 * What a service account's token (or a node's host) leads to through RBAC: one backward breadth-first search
 * of the escalation graph per target (cluster-admin, node), linear in the graph, giving every graph node its
 * shortest route there.
 */
import { buildEscalationGraph, CLUSTER_ADMIN, NODE, type Edge, type EscalationGraph } from '../rbac/escalation-graph.js';
import type { RbacModel } from '../rbac/model.js';

export interface RbacReach {
  graph: EscalationGraph;
  /** The shortest route from `from` to the target (cluster-admin or node), or undefined when there is none. */
  route(from: string, target: typeof CLUSTER_ADMIN | typeof NODE): Edge[] | undefined;
}

function nextHops(incoming: Map<string, Edge[]>, target: string, maxHops: number): Map<string, Edge> {
  const next = new Map<string, Edge>();
  const dist = new Map<string, number>([[target, 0]]);
  let frontier = [target];
  for (let d = 0; frontier.length && d < maxHops; d++) {
    const nf: string[] = [];
    for (const node of frontier) {
      for (const e of incoming.get(node) ?? []) {
        if (dist.has(e.from)) continue;
        dist.set(e.from, d + 1);
        next.set(e.from, e);
        nf.push(e.from);
      }
    }
    frontier = nf;
  }
  return next;
}

export function rbacReach(model: RbacModel, maxHops = 8): RbacReach {
  const graph = buildEscalationGraph(model);
  const incoming = graph.incoming();
  const toAdmin = nextHops(incoming, CLUSTER_ADMIN, maxHops);
  const toNode = nextHops(incoming, NODE, maxHops);
  return {
    graph,
    route(from, target) {
      const next = target === CLUSTER_ADMIN ? toAdmin : toNode;
      if (!next.has(from)) return undefined;
      const hops: Edge[] = [];
      for (let at = from; at !== target; ) {
        const e = next.get(at)!;
        hops.push(e);
        at = e.to;
      }
      return hops;
    },
  };
}
