import type { CheckMeta, ContainerContext, Issue, PatchOp, PodContext } from '../define.js';
import type { FrameworkRefs } from '../../model/finding.js';
import { containersOf, type ContainerRef } from '../../model/containers.js';
import type { Inventory } from '../../model/inventory.js';
import { PSS_CONTROL_INFO, PSS_LATEST_MINOR } from '../../frameworks/pss.js';
import { atLeast, type Severity } from '../../model/finding.js';
import type { PodSpecRef } from '../../model/pod-specs.js';
import { effectiveNamespace } from '../../model/kinds.js';
import {
  DEFAULT_PSS_SETTING,
  evaluationFromSetting,
  evaluationsFromNamespace,
  namespacePss,
  type ControlEvaluation,
  type NamespacePss,
  type PssSetting,
} from '../../frameworks/pss-policy.js';

/** How a Pod Security check is asked to judge a pod: at a policy version, fully or leaving its overridden baseline control's cases to it. */
export interface PssEval {
  /** Policy version, as the minor of v1.x. */
  minor: number;
  /**
   * False when every level is judged at once (the default) and this restricted control overrides a
   * baseline one (capabilities, seccomp, procMount, volumes): it then reports only what the baseline
   * check does not, so one field gives one finding. True when a single level is enforced.
   */
  full: boolean;
}

/** A policy version at which the control's rule changed, and how: the check's version history. */
export interface PssVersionNote {
  since: number;
  change: string;
}

type PssRefs = FrameworkRefs & { pss: NonNullable<FrameworkRefs['pss']> };
type PssMeta = Omit<CheckMeta, 'frameworks'> & { frameworks: PssRefs; pssVersions: PssVersionNote[] };

export type PssContainerCheck = PssMeta & {
  subject: 'container';
  evaluate(ctx: ContainerContext, e: PssEval): Issue[];
  run(ctx: ContainerContext): Issue[];
  fix?(ctx: ContainerContext): PatchOp[];
};
export type PssPodCheck = PssMeta & {
  subject: 'pod';
  evaluate(ctx: PodContext, e: PssEval): Issue[];
  run(ctx: PodContext): Issue[];
  fix?(ctx: PodContext): PatchOp[];
};

const namespaceCache = new WeakMap<Inventory, Map<string, NamespacePss | undefined>>();

/** The Pod Security labels of the scanned Namespace `name`, if the scan has it and it has any. */
function namespacePolicy(inventory: Inventory, name: string): NamespacePss | undefined {
  let cache = namespaceCache.get(inventory);
  if (!cache) {
    cache = new Map();
    for (const ns of inventory.byKind('Namespace')) cache.set(ns.name, namespacePss(ns.labels));
    namespaceCache.set(inventory, cache);
  }
  return cache.get(name);
}

/** The evaluations that apply to a pod for a control: its namespace's labelled modes, else the scan setting. */
export function evaluationsFor(ctx: Pick<PodContext, 'pod' | 'inventory' | 'pss'>, control: string): ControlEvaluation[] {
  const ns = effectiveNamespace(ctx.pod.object);
  const labelled = ns === undefined ? undefined : namespacePolicy(ctx.inventory, ns);
  if (labelled) return evaluationsFromNamespace(control, labelled);
  // Per setting and control, computed once: every pod without namespace labels shares it.
  const setting = ctx.pss ?? DEFAULT_PSS_SETTING;
  let bySetting = settingCache.get(setting);
  if (!bySetting) settingCache.set(setting, (bySetting = new Map()));
  let evals = bySetting.get(control);
  if (!evals) {
    const e = evaluationFromSetting(control, setting);
    bySetting.set(control, (evals = e ? [e] : []));
  }
  return evals;
}

const settingCache = new WeakMap<object, Map<string, ControlEvaluation[]>>();

/**
 * False for a Pod Security check that no pod of this scan can be judged by: its control is outside
 * the `--pss` level or version and outside every scanned namespace's labelled policies. The scan
 * leaves such checks out, so reports never show them as passed.
 */
export function pssCheckInScope(check: { frameworks: FrameworkRefs }, inventory: Inventory, pss: PssSetting | undefined): boolean {
  const control = check.frameworks.pss?.control;
  if (!control) return true;
  if (evaluationFromSetting(control, pss ?? DEFAULT_PSS_SETTING)) return true;
  for (const ns of inventory.byKind('Namespace')) {
    const labelled = namespacePolicy(inventory, ns.name);
    if (labelled && evaluationsFromNamespace(control, labelled).length > 0) return true;
  }
  return false;
}

/** Each Pod Security check by its control, as defined: a restricted check judging fully looks up the baseline check it overrides. */
const byControl = new Map<string, { subject: 'pod' | 'container'; severity: Severity; evaluate: (ctx: never, e: PssEval) => Issue[] }>();

/**
 * A restricted control judged fully (`--pss restricted`, or namespace labels) also reports the cases of the
 * baseline control it overrides (hostPath volumes, added capabilities, Unconfined seccomp, Unmasked procMount),
 * which that baseline check would report at its own, often higher, severity. Those issues keep at least the
 * baseline check's severity, so choosing the stricter level never makes a finding less severe: an issue the
 * restricted check reports only when full is a baseline case; its severity is the baseline check's issue at
 * the same field (same subject), else the baseline check's default.
 */
function keepBaselineSeverity<X extends PodContext | ContainerContext>(ctx: X, control: string, own: { severity: Severity; subject: 'pod' | 'container' }, e: PssEval, evaluate: (ctx: X, e: PssEval) => Issue[], issues: Issue[]): Issue[] {
  const overrides = PSS_CONTROL_INFO[control]?.overrides;
  if (!e.full || !overrides || e.minor < overrides.since || issues.length === 0) return issues;
  const base = byControl.get(overrides.control);
  if (!base) return issues;
  const partial = new Set(evaluate(ctx, { minor: e.minor, full: false }).map((i) => `${i.path}\u0000${i.message}`));
  const baseIssues = base.subject === own.subject ? (base.evaluate as (ctx: X, e: PssEval) => Issue[])(ctx, { minor: e.minor, full: true }) : [];
  const related = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  for (const issue of issues) {
    if (partial.has(`${issue.path}\u0000${issue.message}`)) continue;
    const match = baseIssues.find((b) => related(b.path, issue.path));
    const floor = match ? (match.severity ?? base.severity) : base.severity;
    const current = issue.severity ?? own.severity;
    if (!atLeast(current, floor)) issue.severity = floor;
  }
  return issues;
}

/** Run `evaluate` once per distinct (version, full) pair and merge the issues, each listing the policies it violates. */
function runEvaluations<X extends PodContext | ContainerContext>(ctx: X, control: string, evaluate0: (ctx: X, e: PssEval) => Issue[], own: { severity: Severity; subject: 'pod' | 'container' }): Issue[] {
  const evaluate = (c: X, e: PssEval) => keepBaselineSeverity(c, control, own, e, evaluate0, evaluate0(c, e));
  const evals = evaluationsFor(ctx, control);
  if (evals.length === 0) return [];
  // Messages name the policy when it is not the default view (every level at latest): a --pss choice or namespace labels.
  const annotateMessage = (ctx.pss !== undefined && (ctx.pss.level !== 'all' || ctx.pss.minor !== PSS_LATEST_MINOR)) || evals.some((e) => e.mode);
  if (evals.length === 1) {
    // The common case (one policy): no merging.
    const e = evals[0]!;
    const issues = evaluate(ctx, { minor: e.minor, full: e.full });
    for (let i = 0; i < issues.length; i++) {
      const issue = issues[i]!;
      issue.pss = { policies: [e.label] };
      if (annotateMessage) issue.message = `${issue.message} (Pod Security ${e.label})`;
    }
    return issues;
  }
  const merged = new Map<string, Issue>();
  const byKey = new Map<string, Issue[]>();
  for (const e of evals) {
    const key = `${e.minor}/${e.full}`;
    let issues = byKey.get(key);
    if (!issues) byKey.set(key, (issues = evaluate(ctx, { minor: e.minor, full: e.full })));
    for (const issue of issues) {
      const id = `${issue.path}\u0000${issue.message}`;
      const seen = merged.get(id);
      if (seen) seen.pss!.policies.push(e.label);
      else merged.set(id, { ...issue, pss: { policies: [e.label] } });
    }
  }
  const out = [...merged.values()];
  if (annotateMessage) for (const i of out) i.message = `${i.message} (Pod Security ${i.pss!.policies.join(', ')})`;
  return out;
}

/**
 * A check that implements one Pod Security Admission control. `evaluate` judges a pod (or one of
 * its containers) at a policy version; the wrapper decides, per pod, whether and at which versions
 * the control applies (namespace labels, else `--pss`) and records the policies on each finding.
 */
export function definePssCheck(c: Omit<PssContainerCheck, 'run'>): PssContainerCheck;
export function definePssCheck(c: Omit<PssPodCheck, 'run'>): PssPodCheck;
export function definePssCheck(c: Omit<PssContainerCheck, 'run'> | Omit<PssPodCheck, 'run'>): PssContainerCheck | PssPodCheck {
  const control = c.frameworks.pss.control;
  const own = { severity: c.severity, subject: c.subject };
  byControl.set(control, { ...own, evaluate: c.evaluate as (ctx: never, e: PssEval) => Issue[] });
  if (c.subject === 'container') {
    const check = c as Omit<PssContainerCheck, 'run'>;
    return { ...check, run: (ctx: ContainerContext) => runEvaluations(ctx, control, check.evaluate, own) };
  }
  const check = c as Omit<PssPodCheck, 'run'>;
  return { ...check, run: (ctx: PodContext) => runEvaluations(ctx, control, check.evaluate, own) };
}

const firstPaths = new WeakMap<PodSpecRef, string | undefined>();

/**
 * True for the pod's first container (init, then app, then ephemeral): pod-level settings that a
 * container check judges (runAsNonRoot, seccomp) are reported once, with it.
 */
export function isFirstContainer(container: ContainerRef): boolean {
  const pod = container.pod;
  if (!firstPaths.has(pod)) firstPaths.set(pod, containersOf(pod)[0]?.path);
  return firstPaths.get(pod) === container.path;
}

/** True for a pod with `hostUsers: false` (its own user namespace): PSA relaxes some controls for it from v1.35. */
export function usesUserNamespace(spec: Record<string, unknown>): boolean {
  return spec.hostUsers === false;
}
