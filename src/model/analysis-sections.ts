/**
 * The compact analysis sections a findings Report may carry (`scan --include-analyses`, and every `--upload`):
 * what each RBAC subject can do that matters, and who can reach each workload. Bounded: a list longer than its
 * cap is cut, and `truncated` says how many there were (docs/findings-json.md, "Analysis sections").
 */

/** One subject's dangerous powers. */
export interface RbacSubjectSummary {
  /** "ServiceAccount ns/name", "User alice", "Group devs". */
  subject: string;
  kind: 'ServiceAccount' | 'User' | 'Group';
  namespace?: string;
  name: string;
  /** Holds * on * (or its read-and-write equivalent) in every namespace. */
  clusterAdmin: boolean;
  /** Power phrases ("read secrets", "create pods or pod-creating workloads", "do anything (* on *)"). */
  powers: string[];
  /** Hops of the shortest "can become" path to cluster-admin-equivalent power (1 = holds it), absent when none. */
  escalationHops?: number;
  /** The first hop of that path (what makes it possible). */
  escalation?: string;
}

/** A subject × power cell (the RBAC matrix). */
export interface RbacPowerEdge {
  subject: string;
  power: string;
  /** "cluster-wide", or the namespace a RoleBinding limits it to. */
  scope: string;
  /** "in every namespace through ClusterRoleBinding x → ClusterRole y". */
  via: string;
}

export interface RbacObjectPower {
  serviceAccount: string;
  tokenMounted: boolean;
  clusterAdmin: boolean;
  powers: string[];
  escalationHops?: number;
}

export interface RbacSection {
  /** Subjects with bindings, those with dangerous powers first (cluster-admin, then by power count). */
  subjects: RbacSubjectSummary[];
  edges: RbacPowerEdge[];
  /** "Kind/namespace/name" of each workload → the power of the service account it runs as (workloads with power only). */
  byObject: Record<string, RbacObjectPower>;
  totals: { subjects: number; withPowers: number; clusterAdmin: number; edges: number; objects: number };
  /** Set when a list was cut at its cap: the caps applied. */
  truncated?: { subjects?: number; edges?: number; objects?: number };
}

export interface NetpolWorkloadReach {
  /** `namespace/name[Kind]`, the name `kubeward netpol matrix` uses. */
  workload: string;
  namespace: string;
  /** Other workloads that can open a connection to it (capped at `fromCap` names; `fromCount` is the whole count). */
  from: string[];
  fromCount: number;
  /** Every pod of the cluster can reach it (no NetworkPolicy isolates it for ingress). */
  fromAllPods: boolean;
  /** Addresses on the internet can reach it through the pod network (an ingress rule allows public addresses). */
  fromInternet: boolean;
  /** It can reach the internet (egress to public addresses). */
  toInternet: boolean;
  /** Services in front of it that are reachable from outside the cluster ("Service ns/x: type LoadBalancer"). */
  exposedBy: string[];
}

/** A workload → workload (or address range) cell of the matrix. */
export interface NetpolEdge {
  from: string;
  to: string;
  allowed: string;
}

export interface NetpolSection {
  workloads: NetpolWorkloadReach[];
  edges: NetpolEdge[];
  /** "Kind/namespace/name" → the workload's reach, for the object view. */
  byObject: Record<string, Omit<NetpolWorkloadReach, 'workload' | 'namespace'>>;
  totals: { workloads: number; namespaces: number; isolatedIngress: number; fromInternet: number; exposed: number; edges?: number };
  /** Set when a list was cut at its cap, or (`matrix: "skipped"`) when the pairwise matrix was too large to compute. */
  truncated?: { workloads?: number; edges?: number; from?: number; matrix?: 'skipped' };
}

/** One vulnerability of an image a workload's container runs (`scan --images`). */
export interface ImageVulnerabilitySummary {
  container: string;
  image: string;
  id: string;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'unknown';
  package: string;
  version: string;
  fixedIn?: string;
}

export interface ImagesSection {
  /** "Kind/namespace/name" → its containers' image vulnerabilities, most severe first (at most `perObject`). */
  byObject: Record<string, ImageVulnerabilitySummary[]>;
  totals: { objects: number; vulnerabilities: number };
  truncated?: { objects?: number; perObject?: number };
}

export interface AnalysisSections {
  rbac?: RbacSection;
  netpol?: NetpolSection;
  images?: ImagesSection;
}
