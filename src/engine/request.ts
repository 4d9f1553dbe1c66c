import type { CheckOptions } from '../checks/define.js';
import type { Severity } from '../model/finding.js';
import type { PolicyException } from '../policy/exception-types.js';
import type { Profile } from '../policy/profile.js';
export type { Profile } from '../policy/profile.js';

/** What to read: the same for every analysis (scan, rbac, netpol, sbom, fix). */
export interface InputRequest {
  /** Files, directories (recursive), Helm charts, Kustomize roots, or `-` for `stdin`. */
  paths: string[];
  /** Also read a live cluster (see docs/cluster.md); files and a cluster may be combined. */
  cluster?: ClusterRequest;
  /**
   * Read a node instead of (or besides) files: `kubeward node --root DIR` (see README "kubeward node"). Only the
   * control-plane, node and manifest checks run then.
   */
  node?: NodeRequest;
  /** Read for `-` (default: process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Environment for finding and running helm/kubectl (PATH), default process.env. */
  env?: NodeJS.ProcessEnv;
  helm?: { releaseName?: string; namespace?: string; values?: string[]; set?: string[] };
  /** Called after each input is read (progress bars). */
  onProgress?: (done: number, total: number) => void;
}

/** Policy: the same for every command that reports findings (scan, dockerfile scan, image scan). */
export interface PolicyRequest {
  /** Run only these checks (ids or other tools' ids). */
  checks?: string[];
  skipChecks?: string[];
  /** Check id or alias → severity. */
  severity?: Record<string, Severity>;
  /** Exceptions, given parsed, or as the text of an exceptions file (see docs/exceptions.md). */
  exceptions?: readonly PolicyException[] | { file: string; text: string };
  /** Report only findings not in this previous JSON report (its text). */
  baseline?: { file: string; text: string };
  /** Settings of individual checks: check id → options. */
  checkOptions?: Record<string, CheckOptions>;
  /** Registries or repository prefixes never to run images from (image-registry-denied); overrides its checkOptions. */
  deniedRegistries?: string[];
  /** The tags image-tag-latest reports as floating (default: its built-in list); overrides its checkOptions. */
  floatingTags?: string[];
  /** Custom rule files or directories (`--rules`, docs/custom-rules.md): they run as checks. */
  rules?: string[];
  /** Evaluate ValidatingAdmissionPolicies found in the input (default true). */
  vap?: boolean;
  /** Decides which exceptions have expired (default: now). */
  now?: Date;
  /**
   * `security` (default): reliability hygiene findings (`profile: hygiene`: requests, probes, replicas, PDBs, CPU
   * limits) are left out of the report (counted in `summary.hiddenByProfile`, unseen by --fail-on, still judged by
   * the compliance scores); `all`: every finding.
   */
  profile?: Profile;
}

/** Image reading for `scan --images`, `sbom --images` and `image scan`. */
export interface ImagesRequest {
  /** Loopback registries reached over plain http. */
  insecureRegistries?: string[];
  /** os/arch[/variant] of a multi-arch index (default linux/amd64). */
  platform?: string;
  /** Largest single file read into memory for an analyzer, e.g. "256m". */
  maxFileSize?: string;
  /** Largest uncompressed size of one layer, e.g. "16g": a layer past it fails the image. */
  maxLayerSize?: string;
  /** The advisory database file; `dbExplicit` makes a missing one an error instead of "not checked". */
  db?: string;
  dbExplicit?: boolean;
  /** Public key file: images need a cosign signature by it. */
  requireSigned?: string;
}

export interface ScanRequest extends InputRequest, PolicyRequest {
  /** Pod Security level and version, LEVEL[:VERSION] or VERSION (default latest). */
  pss?: string;
  /** Compliance sections: cis, nsa, pss-baseline, pss-restricted, mitre, owasp. */
  frameworks?: string[];
  /** Show only findings of these severities (`--severity`); the others are counted in `summary.hidden`. */
  showSeverities?: readonly string[];
  /** Also read every image the manifests name. */
  images?: ImagesRequest;
  /** Order findings by the best attack path they sit on (each gets a `priority`). */
  prioritize?: boolean;
  /** Attack-path weight overrides, `NAME=VALUE` (docs/paths.md). */
  weights?: readonly string[];
  /** Count findings on Helm test hooks (`helm.sh/hook: test*`) with the others; default: reported apart (`report.helmTests`). */
  includeHelmTests?: boolean;
  /** Add the compact RBAC and network sections (`rbac`, `netpol`) to the report (`--include-analyses`, every upload). */
  analyses?: boolean;
}

/** A live cluster to read: which kubeconfig and context, which namespaces, whether Secrets keep their values. */
export interface ClusterRequest {
  /** A kubeconfig file (default: KUBECONFIG, ~/.kube/config, else the pod's service account). */
  kubeconfig?: string;
  /** A context of the kubeconfig (default its current-context). */
  context?: string;
  /** Only these namespaces (cluster-scoped objects are always read); default all. */
  namespaces?: string[];
  excludeNamespaces?: string[];
  /** Keep Secrets' data and stringData (default: metadata only). */
  includeSecretValues?: boolean;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number;
}

/** A node to read: its root directory (the host's `/`, e.g. `/host` in the DaemonSet). */
export interface NodeRequest {
  root: string;
}
