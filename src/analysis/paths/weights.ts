/**
 * The score of an attack path, and every number it uses: the one place they live (docs/paths.md explains each).
 *
 *   score      = scale × likelihood × impact × replicaFactor
 *   likelihood = entry weight × (vulnerable, when the first workload's image has a critical vulnerability; capped at 1)
 *                × the factor of every later hop (lateral move — × vulnerable into a vulnerable workload, capped at 1 —,
 *                container escape, token use, RBAC hop)
 *   impact     = the weight of the crown jewel the path ends at
 *   replicaFactor = 1 + min(replicas, replicas.max) / replicas.divisor   (replicas of the path's first workload;
 *                   a DaemonSet counts as replicas.daemonset)
 *
 * Every weight can be overridden by name: `--weight impact.data=8` or `.kubeward.yaml` `paths.weights: [impact.data=8]`.
 */
import type { JewelKind } from '../../model/attack-path.js';

export const DEFAULT_WEIGHTS = {
  /** Likelihood that an attacker gets code execution in a workload, by how it is reached. */
  'entry.internet': 0.6,
  /** Reached on a node's address (hostNetwork, hostPort): often not public, so less likely than a Service. */
  'entry.internet-host': 0.3,
  /** Any pod of the cluster (a compromised neighbour) reaching the workload over the network. */
  'entry.pod': 0.2,
  /** The workload's own image carries a critical vulnerability: exploited in place. */
  'entry.image': 0.5,
  /** Multiplies the hop into a workload whose image has a critical vulnerability, entry or lateral (the result is capped at 1). */
  vulnerable: 1.6,
  /** Moving from a compromised workload to another one it can reach (and exploiting it). */
  lateral: 0.5,
  /** Container escapes, by the check that finds the weakness. */
  'escape.privileged-container': 1,
  'escape.runtime-socket-mounted': 1,
  'escape.windows-host-process': 1,
  'escape.sensitive-host-path': 0.9,
  'escape.dangerous-capabilities': 0.8,
  'escape.host-pid': 0.6,
  /** Using the mounted service account token. */
  token: 0.95,
  /** Each RBAC escalation hop after the token (create a pod as another account, bind a role, ...). */
  'rbac-hop': 0.9,
  /** Root on a node gets what every pod scheduled there holds (their Secrets and tokens) and the kubelet's credentials. */
  'node-secrets': 0.9,
  /** Impact of the crown jewel a path ends at. */
  'impact.cluster-admin': 10,
  'impact.node': 8,
  /** Secrets of every namespace. */
  'impact.secrets': 7,
  /** Secrets of the workload's own namespace (read through RBAC, or mounted into it). */
  'impact.namespace-secrets': 3,
  /** A data store (a database or cache, by image or port). */
  'impact.data': 5,
  'replicas.divisor': 10,
  'replicas.max': 100,
  'replicas.daemonset': 10,
  /** Scores are multiplied by this and rounded to one decimal, so the top paths read as 0–100ish. */
  scale: 10,
} as const;

export type WeightName = keyof typeof DEFAULT_WEIGHTS;
export type Weights = Record<WeightName, number>;

/** Weights with `NAME=VALUE` overrides applied; an error message for an unknown name or a value that is not a non-negative number. */
export function resolveWeights(overrides: readonly string[] = []): Weights | { error: string } {
  const w: Weights = { ...DEFAULT_WEIGHTS };
  for (const o of overrides) {
    const eq = o.indexOf('=');
    const name = (eq < 0 ? o : o.slice(0, eq)).trim();
    const text = eq < 0 ? '' : o.slice(eq + 1).trim();
    if (!(name in DEFAULT_WEIGHTS)) return { error: `unknown weight "${name}" (known: ${Object.keys(DEFAULT_WEIGHTS).join(', ')})` };
    const v = Number(text);
    if (text === '' || !Number.isFinite(v) || v < 0) return { error: `weight ${name} must be a number >= 0 (got "${text}")` };
    w[name as WeightName] = v;
  }
  return w;
}

/** The impact weight of a jewel; secrets of one namespace weigh less than secrets of all. */
export function impactOf(w: Weights, jewel: JewelKind, namespaceOnly = false): number {
  if (jewel === 'secrets' && namespaceOnly) return w['impact.namespace-secrets'];
  return w[`impact.${jewel}`];
}

export function replicaFactor(w: Weights, replicas: number): number {
  const div = w['replicas.divisor'] || 1;
  return 1 + Math.min(replicas, w['replicas.max']) / div;
}

export function score(w: Weights, likelihood: number, impact: number, factor: number): number {
  return Math.round(w.scale * likelihood * impact * factor * 100) / 100;
}
