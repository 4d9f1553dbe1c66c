/**
 * Attack paths (analysis/paths builds them; reports render them): an entry point, the workloads and footholds an
 * attacker goes through, and the crown jewel at the end, every hop with the finding or fact that creates it.
 */
import type { Location } from './finding.js';
import type { ObjectRef } from './object-ref.js';

/** Where an attacker starts: the internet, any pod of the cluster, or a workload's vulnerable image. */
export type EntryKind = 'internet' | 'pod' | 'image';
export const ENTRY_KINDS: readonly EntryKind[] = ['internet', 'pod', 'image'];

/** What an attacker is after. */
export type JewelKind = 'cluster-admin' | 'node' | 'secrets' | 'data';
export const JEWEL_KINDS: readonly JewelKind[] = ['cluster-admin', 'node', 'secrets', 'data'];

/** What a hop rests on: a check's finding(s), or a fact about the inventory, with where it is written. */
export interface HopEvidence {
  /** The check whose findings create the hop (their fingerprints in `findings`). */
  checkId?: string;
  /** A fact that is not a finding: "no NetworkPolicy selects it for ingress", "ClusterRoleBinding x → ClusterRole y". */
  fact?: string;
  object?: ObjectRef;
  /** JSON pointer of the field inside the object. */
  path?: string;
  location?: Location;
  /** Fingerprints of the findings this hop rests on (so `scan --prioritize` can rank them). */
  findings?: string[];
}

/** A change that removes the hop (and so every path through it). */
export interface FixRef {
  /** Stable key: the same change on the same object has the same id in every path. */
  id: string;
  text: string;
}

export interface PathHop {
  /** Graph node ids ("internet", "workload:ns/web[Deployment]", "node", "ServiceAccount:ns/sa", "cluster-admin", ...). */
  from: string;
  to: string;
  /** What the attacker does on this hop. */
  how: string;
  /** The likelihood factor the hop contributes (weights.ts). */
  factor: number;
  evidence: HopEvidence;
  fix?: FixRef;
}

export interface AttackPath {
  /** The path's node ids, joined: stable across runs. */
  key: string;
  entry: EntryKind;
  /** The jewel the path ends at (the most valuable it reaches). */
  jewel: JewelKind;
  /** Every jewel kind the path passes through or ends at (node → secrets passes "node"). */
  reaches: JewelKind[];
  /** likelihood × impact × replica factor × scale (weights.ts). */
  score: number;
  likelihood: number;
  impact: number;
  replicas: number;
  replicaFactor: number;
  hops: PathHop[];
  /** The fix (FixRef id) among the path's hops that removes the most score over all paths. */
  fix?: string;
}

/** A fix and what it removes. */
export interface PathFix extends FixRef {
  paths: number;
  score: number;
}

export interface AttackPathsResult {
  /** Ranked, highest score first. */
  paths: AttackPath[];
  /** Ranked by the score they remove, then by paths removed. */
  fixes: PathFix[];
  /** Display labels of the node ids the paths use. */
  labels: Record<string, string>;
  stats: { workloads: number; entryEdges: number; footholds: number; paths: number };
}
