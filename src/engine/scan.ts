import type { Check, CheckOptions } from '../checks/define.js';
import { runChecks } from '../analysis/run-checks.js';
import type { Finding } from '../model/finding.js';
import { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';
import type { PssSetting } from '../frameworks/pss-policy.js';

export interface EngineInput {
  /** The sources' objects; `id` is assigned here (in place). */
  objects: readonly Omit<K8sObject, 'id'>[];
  problems: readonly LoadProblem[];
  checks: readonly Check[];
  checkOptions?: Record<string, CheckOptions>;
  /** `--pss`: the Pod Security level and version (default: every control at its own level, latest). */
  pss?: PssSetting;
}

export interface EngineOutput {
  inventory: Inventory;
  findings: Finding[];
}

/** Inventory and analyses over what the sources read. Pure: the same input gives the same findings. */
export function analyse(input: EngineInput): EngineOutput {
  // Ids are assigned in place: the sources' objects become the inventory's, without a copy.
  const objects = input.objects as K8sObject[];
  for (let i = 0; i < objects.length; i++) objects[i]!.id = i;
  const inventory = new Inventory(objects);
  const findings = runChecks(input.checks, inventory, input.problems, {
    ...(input.checkOptions ? { checkOptions: input.checkOptions } : {}),
    ...(input.pss ? { pss: input.pss } : {}),
  });
  return { inventory, findings };
}
