import type { Check, CheckOptions, PatchOp } from '../checks/define.js';
import { subjectPaths } from '../checks/context.js';
import { containersOf } from '../model/containers.js';
import { Inventory } from '../model/inventory.js';
import type { JsonObject, K8sObject } from '../model/object.js';
import { podSpecsOf } from '../model/pod-specs.js';
import { applyPatch } from './apply-patch.js';

export interface FixResult {
  /** The object after every fix was applied. */
  raw: JsonObject;
  /** The operations applied, in order, each against the result of the ones before. */
  ops: PatchOp[];
}

function helpers(base: string) {
  const { path, at } = subjectPaths(base);
  return { path, at };
}

/** How many subjects (containers, pod specs, or the object) the check looks at in this object. */
function subjectCount(check: Check, object: K8sObject): number {
  if (check.subject === 'container') return podSpecsOf(object).flatMap(containersOf).length;
  if (check.subject === 'pod') return podSpecsOf(object).length;
  return 1;
}

/** The fix of the first subject of `object` that fails the check and has one; [] when none. */
function firstFix(check: Check, object: K8sObject, options: CheckOptions): PatchOp[] {
  const inventory = new Inventory([object]);
  switch (check.subject) {
    case 'container':
      if (!check.fix) return [];
      for (const c of inventory.containers()) {
        const ctx = { ...helpers(c.path), inventory, options, object, container: c, pod: c.pod };
        if (check.run(ctx).length === 0) continue;
        const ops = check.fix(ctx);
        if (ops.length) return ops;
      }
      return [];
    case 'pod':
      if (!check.fix) return [];
      for (const pod of inventory.podSpecs()) {
        const ctx = { ...helpers(pod.path), inventory, options, object, pod };
        if (check.run(ctx).length === 0) continue;
        const ops = check.fix(ctx);
        if (ops.length) return ops;
      }
      return [];
    case 'object': {
      if (!check.fix || (check.kinds && !check.kinds.includes(object.kind))) return [];
      const ctx = { ...helpers(''), inventory, options, object };
      return check.run(ctx).length ? check.fix(ctx) : [];
    }
    default:
      return [];
  }
}

/**
 * Apply a check's fix to one object until the check passes (or the fix has nothing more to offer).
 * Each subject's fix is computed against the object as already patched, so fixes of several
 * containers that touch the same pod-level field do not clobber each other. Pure; throws
 * PatchError if a fix produces a bad patch. `options` are the check's `checkOptions.<id>` from
 * `.kubeward.yaml` (e.g. default resources), as the check sees them when it runs.
 */
export function fixObject(check: Check, object: K8sObject, options: CheckOptions = {}): FixResult {
  let current = object;
  const ops: PatchOp[] = [];
  const maxRounds = 2 * subjectCount(check, object) + 2;
  for (let round = 0; round < maxRounds; round++) {
    const next = firstFix(check, current, options);
    if (next.length === 0) break;
    const raw = applyPatch(current.raw, next);
    if (JSON.stringify(raw) === JSON.stringify(current.raw)) break;
    ops.push(...next);
    current = { ...current, raw };
  }
  return { raw: current.raw, ops };
}
