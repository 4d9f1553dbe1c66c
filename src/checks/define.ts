import type { ContainerRef } from '../model/containers.js';
import type { Dockerfile, Instruction } from '../model/dockerfile.js';
import type { Evidence, FrameworkRefs, Severity } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import type { PodSpecRef } from '../model/pod-specs.js';
import type { PssSetting } from '../frameworks/pss-policy.js';
import type { Position } from '../model/position.js';

export const CATEGORIES = ['manifest', 'workload', 'rbac', 'network', 'secrets', 'images', 'control-plane', 'mesh'] as const;
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
  /** For subjects without a position index (a Dockerfile): where in the file the issue is. */
  position?: Position;
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
export type InventoryContext = Omit<SubjectContext, 'path' | 'at'>;

/**
 * An example manifest (a Dockerfile for `dockerfile` checks): by default a failing one must give exactly one finding of its check.
 * `options` are the check's `checkOptions` the example runs with (for configurable checks).
 */
export type Example = string | { yaml: string; findings: number; options?: CheckOptions };
/** A Dockerfile check sees one parsed Dockerfile (src/sources/dockerfile); its examples are Dockerfile text. */
export interface DockerfileContext {
  dockerfile: Dockerfile;
  options: CheckOptions;
  /** An issue at an instruction: at its keyword, or at `position` (e.g. a word on a continuation line). */
  at(instruction: Instruction, message: string, evidence?: Evidence, position?: Position): Issue;
}


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
}

export type Check =
  | (CheckMeta & { subject: 'container'; run(ctx: ContainerContext): Issue[]; fix?(ctx: ContainerContext): PatchOp[] })
  | (CheckMeta & { subject: 'pod'; run(ctx: PodContext): Issue[]; fix?(ctx: PodContext): PatchOp[] })
  | (CheckMeta & { subject: 'object'; kinds?: string[]; run(ctx: ObjectContext): Issue[]; fix?(ctx: ObjectContext): PatchOp[] })
  | (CheckMeta & { subject: 'inventory'; run(ctx: InventoryContext): { object: K8sObject; issue: Issue }[] })
  /** Build-time checks over a Dockerfile (`kubeward dockerfile scan`); never run by a manifest scan. */
  | (CheckMeta & { subject: 'dockerfile'; run(ctx: DockerfileContext): Issue[] })
  /** Problems found while reading the input (parse errors, duplicate keys): see src/sources/problems.ts. */
  | (CheckMeta & { subject: 'load'; codes: string[] });

/** Identity function that gives check files their type. */
export function defineCheck<C extends Check>(check: C): C {
  return check;
}

export function isFixable(check: Check): boolean {
  return 'fix' in check && typeof check.fix === 'function';
}
