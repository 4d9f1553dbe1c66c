import type { Check, CheckOptions } from '../checks/define.js';
import { runChecks } from '../analysis/run-checks.js';
import type { Finding } from '../model/finding.js';
import { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';

export interface EngineInput {
  objects: readonly Omit<K8sObject, 'id'>[];
  problems: readonly LoadProblem[];
  checks: readonly Check[];
  checkOptions?: Record<string, CheckOptions>;
}

export interface EngineOutput {
  inventory: Inventory;
  findings: Finding[];
}

/** Inventory and analyses over what the sources read. Pure: the same input gives the same findings. */
export function analyse(input: EngineInput): EngineOutput {
  const objects: K8sObject[] = new Array(input.objects.length);
  for (let i = 0; i < input.objects.length; i++) objects[i] = { ...input.objects[i]!, id: i };
  const inventory = new Inventory(objects);
  const findings = runChecks(input.checks, inventory, input.problems, input.checkOptions ? { checkOptions: input.checkOptions } : {});
  return { inventory, findings };
}
