import type { Check, CheckOptions } from '../checks/define.js';
import { runChecks } from './run-checks.js';
import type { Finding } from '../model/finding.js';
import { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';
import type { PssSetting } from '../frameworks/pss-policy.js';
import { pssCheckInScope } from '../checks/shared/pss-check.js';

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
  /** The checks that ran: the input's, less Pod Security checks no pod of this scan is judged by (see pssCheckInScope). */
  ran: Check[];
}

/** Inventory and analyses over what the sources read. Pure: the same input gives the same findings. */
export function analyse(input: EngineInput): EngineOutput {
  // Ids are assigned in place: the sources' objects become the inventory's, without a copy.
  const objects = input.objects as K8sObject[];
  for (let i = 0; i < objects.length; i++) objects[i]!.id = i;
  const inventory = new Inventory(objects);
  const ran = input.checks.filter((c) => pssCheckInScope(c, inventory, input.pss));
  const findings = runChecks(ran, inventory, input.problems, {
    ...(input.checkOptions ? { checkOptions: input.checkOptions } : {}),
    ...(input.pss ? { pss: input.pss } : {}),
  });
  return { inventory, findings, ran };
}
