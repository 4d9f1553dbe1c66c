import type { Component, ComponentName } from '../model/components.js';
import type { ContainerRef } from '../model/containers.js';
import type { Dockerfile, Instruction } from '../model/dockerfile.js';
import type { Evidence, FindingProfile, FrameworkRefs, Severity } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import type { PodSpecRef } from '../model/pod-specs.js';
import type { PssSetting } from '../frameworks/pss-policy.js';
import type { Position } from '../model/position.js';
import type { ImageCheckInput } from '../model/image-input.js';
import type { ImageOutcome, ImageUse } from '../analysis/image/workload-images.js';

export const CATEGORIES = ['manifest', 'workload', 'rbac', 'network', 'secrets', 'images', 'control-plane', 'node', 'mesh'] as const;
export type Category = (typeof CATEGORIES)[number];

/** What a check's logic reports: a field (absolute JSON pointer inside the object) and why it is wrong. */
export interface Issue {
  path: string;
  message: string;
  evidence?: Evidence;
  /** Only when one check's findings differ in severity; otherwise the check's severity. */
  severity?: Severity;
  /** Pod Security checks: the policies (level:version, with the namespace mode) the field violates. */
  pss?: { policies: string[] };
  /** For subjects without a position index (a Dockerfile, an image's file): where in the file the issue is. */
  position?: Position;
  /** Image rules: the file of the image the issue is in (`/etc/shadow`); absent for the image config. */
  file?: string;
  /**
   * What tells this issue apart from others of its check at the same path, for the fingerprint (a
   * vulnerability and package on one image field). Absent: the path alone.
   */
  key?: string;
  /**
   * Component checks: the object the issue is in when it is not the component's own (a kubelet setting in its
   * KubeletConfiguration file, while the component is the kubelet process). `path` is inside that object.
   */
  on?: K8sObject;
  /** A check that covers several CIS controls: the ones this issue fails (default: all of the check's). */
  cis?: string[];
  /** Only when one check's findings differ in profile (resource-limits: a missing CPU limit is hygiene, memory is not). */
  profile?: FindingProfile;
  /**
   * One root cause reported once (policy/fold-root-cause.ts): issues sharing `cause.key` fold under the one with
   * `cause.root` (a namespace without any NetworkPolicy: its default-deny egress finding and its workloads' findings
   * fold under the ingress one). Without a root finding among the shown ones, nothing folds.
   */
  cause?: { key: string; root?: boolean };
  /**
   * A pod-level issue that holds for some containers too (a pod's runAsUser: 0, for the containers that do not
   * override it): their absolute pointers, so findings the check `implies` on those containers fold under it.
   */
  covers?: string[];
}

/** RFC 6902 operations, limited to what fixes need. */
export type PatchOp =
  | { op: 'add' | 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string };

/** Check-specific settings from `.kubeward.yaml` (`checkOptions.<id>`). */
export type CheckOptions = Record<string, unknown>;

interface SubjectContext {
  inventory: Inventory;
  options: CheckOptions;
  /** The scan's `--pss` setting (Pod Security checks read it; absent means the default, every level at latest). */
  pss?: PssSetting;
  /** Absolute pointer of a field given relative to the subject (container, pod spec, or object root). */
  path(rel?: string): string;
  /** An issue at a field relative to the subject. */
  at(rel: string, message: string, evidence?: Evidence): Issue;
}

export interface ContainerContext extends SubjectContext {
  object: K8sObject;
  container: ContainerRef;
  pod: PodSpecRef;
}
export interface PodContext extends SubjectContext {
  object: K8sObject;
  pod: PodSpecRef;
}
export interface ObjectContext extends SubjectContext {
  object: K8sObject;
}
/**
 * A control-plane or node component (src/model/components.ts) with its flags: a static pod's container, a process
 * read from a node, or a kubelet configuration file. `at` takes absolute pointers inside `component.object`.
 */
export interface ComponentContext extends SubjectContext {
  object: K8sObject;
  component: Component;
}
export type InventoryContext = Omit<SubjectContext, 'path' | 'at'>;

/**
 * What an example states about its findings, as ESLint's RuleTester does. A failing example gives `findings`
 * findings of its check (default 1); when `path`, `line` or `column` are given, the first finding is at that field
 * (JSON pointer) and that 1-based line and column of the example. `options` are the check's `checkOptions` the
 * example runs with (for configurable checks).
 */
export interface Expectation {
  findings?: number;
  path?: string;
  line?: number;
  column?: number;
  options?: CheckOptions;
  /** `fix` leaves this failing example as it is on purpose (src/fix/fix-guards.ts says why). */
  fixLeftAsIs?: boolean;
}
/** An example manifest (a Dockerfile for `dockerfile` checks). A plain string expects one finding when failing. */
export type YamlExample = string | ({ yaml: string } & Expectation);
/** An image rule's example: the image config and files the rule reads (defaults: empty config, no files). */
export type ImageExample = { image: Partial<Omit<ImageCheckInput, 'reference'>> } & Expectation;
/**
 * An image-use rule's example: a workload manifest (`yaml`) and what reading the image its containers name gave
 * (`outcome`: an error, vulnerabilities, a signature verdict). Findings are on every container image field.
 */
export type ImageUseExample = { yaml: string; outcome: Omit<ImageOutcome, 'reference' | 'configFindings'> } & Expectation;
export type Example = YamlExample | ImageExample | ImageUseExample;

/** A Dockerfile check sees one parsed Dockerfile (src/sources/dockerfile); its examples are Dockerfile text. */
export interface DockerfileContext {
  dockerfile: Dockerfile;
  options: CheckOptions;
  /** An issue at an instruction: at its keyword, or at `position` (e.g. a word on a continuation line). */
  at(instruction: Instruction, message: string, evidence?: Evidence, position?: Position): Issue;
}

/** An image rule sees one image's config and files (`kubeward image scan`, and `scan --images` per image). */
export interface ImageContext {
  image: ImageCheckInput;
  options: CheckOptions;
  /** An issue at a field of the image config (`/config/User`), or with `file`, at a line of a file of the image. */
  at(path: string, message: string, evidence?: Evidence, file?: { file: string; line: number }): Issue;
}

/** An image-use rule sees one container image field of a workload and what reading that image gave (`scan --images`). */
export interface ImageUseContext {
  use: ImageUse;
  outcome: ImageOutcome;
  options: CheckOptions;
  /** `container "app" image nginx:1.27`: how messages name the use. */
  label: string;
  /** An issue at the container's `image` field. `key` tells issues on one field apart (see Issue.key). */
  at(message: string, extra?: { evidence?: Evidence; severity?: Severity; key?: string }): Issue;
}

/** One CEL validation of an exported ValidatingAdmissionPolicy: the object is admitted when `expression` is true. */
export interface VapValidation {
  expression: string;
  message: string;
}

/** A resource rule of an exported policy's matchConstraints (CREATE and UPDATE). */
export interface VapResources {
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
}

/**
 * How a check becomes a ValidatingAdmissionPolicy (`kubeward policy export-vap`): CEL over the object the API server
 * admits, denying exactly what the check reports in a default scan. `match: 'workloads'` matches Pod and every kind
 * with a pod template and gives the expressions `variables.podSpec`, `variables.podMeta`,
 * `variables.podSecurityContext`, `variables.podAnnotations` and `variables.containers` (init, app and ephemeral);
 * see src/checks/shared/vap.ts. `{ unsupported }` says why the check cannot be one (cross-object, node files).
 */
export type VapExport =
  | {
      match: 'workloads' | VapResources[];
      variables?: { name: string; expression: string }[];
      validations: VapValidation[];
      /** What the policy fixes that a scan can vary: options at their defaults, the Pod Security version. */
      baked?: string;
    }
  | { unsupported: string };

export interface CheckMeta {
  /** Stable kebab-case id, equal to the file name. Never renamed: add to `aliases` instead. */
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  description: string;
  remediation: string;
  frameworks: FrameworkRefs;
  /** Equivalent ids in other tools, so users can carry exceptions over. */
  aliases?: {
    kubescape?: string[];
    trivy?: string[];
    kubeLinter?: string[];
    polaris?: string[];
    checkov?: string[];
    hadolint?: string[];
    kubeward?: string[];
  };
  examples: { fail: Example[]; pass: Example[] };
  /**
   * Checks that a finding of this one makes redundant on the same volume or container (a runtime socket is a
   * sensitive host path is a hostPath): their findings there are folded under this one (policy/fold-implied.ts).
   */
  implies?: string[];
  /**
   * `hygiene`: a reliability check (requests, probes, replicas, disruption budgets), hidden by the default
   * `--profile security` in every format but still evaluated for compliance. Absent: a security check.
   */
  profile?: FindingProfile;
  /** The check as a ValidatingAdmissionPolicy, or why it cannot be one (absent: not expressed yet). */
  vap?: VapExport;
}

export type Check =
  | (CheckMeta & { subject: 'container'; run(ctx: ContainerContext): Issue[]; fix?(ctx: ContainerContext): PatchOp[] })
  | (CheckMeta & { subject: 'pod'; run(ctx: PodContext): Issue[]; fix?(ctx: PodContext): PatchOp[] })
  | (CheckMeta & {
      subject: 'object';
      kinds?: string[];
      run(ctx: ObjectContext): Issue[];
      fix?(ctx: ObjectContext): PatchOp[];
      /** The check's CIS controls that judge this object (default: all of them), for compliance scoring. */
      cisJudged?(object: K8sObject): string[];
    })
  /** Control-plane and node components with their flags (kube-apiserver, controller-manager, scheduler, etcd, kubelet). */
  | (CheckMeta & { subject: 'component'; component: ComponentName; run(ctx: ComponentContext): Issue[] })
  | (CheckMeta & { subject: 'inventory'; run(ctx: InventoryContext): { object: K8sObject; issue: Issue }[] })
  /** Build-time checks over a Dockerfile (`kubeward dockerfile scan`); never run by a manifest scan. */
  | (CheckMeta & { subject: 'dockerfile'; run(ctx: DockerfileContext): Issue[] })
  /** Problems found while reading the input (parse errors, duplicate keys): see src/sources/problems.ts. */
  | (CheckMeta & { subject: 'load'; codes: string[] })
  /** Image config rules (`kubeward image scan`; `scan --images` moves their findings onto each workload using the image). */
  | (CheckMeta & { subject: 'image'; run(ctx: ImageContext): Issue[] })
  /** Rules over a workload's use of an image and what reading it gave (`scan --images` only). */
  | (CheckMeta & { subject: 'image-use'; run(ctx: ImageUseContext): Issue[] });

/** Subjects a manifest scan never evaluates: Dockerfiles and images have their own commands (or `--images`). */
export function isImageRule(check: Check): check is Extract<Check, { subject: 'image' | 'image-use' }> {
  return check.subject === 'image' || check.subject === 'image-use';
}

/** Identity function that gives check files their type. */
export function defineCheck<C extends Check>(check: C): C {
  return check;
}

export function isFixable(check: Check): boolean {
  return 'fix' in check && typeof check.fix === 'function';
}
