import type { Check, Issue, ObjectContext } from '../../checks/define.js';
import { effectiveNamespace, isClusterScoped } from '../../model/kinds.js';
import { matchesSelector, type Inventory } from '../../model/inventory.js';
import type { K8sObject } from '../../model/object.js';
import { lazyVariables, runValidations } from '../cel/evaluate.js';
import { admissionRequest, namespaceLabels, namespaceObject } from '../cel/admission-context.js';
import { toCel } from '../cel/values.js';
import type { CustomRule } from './rule-types.js';
import { setApplies } from '../applies.js';

/** Whether a rule's `match` selects an object (kinds are the check's `kinds`, matched by the runner). */
export function ruleMatches(rule: CustomRule, object: K8sObject, inventory: Inventory): boolean {
  const m = rule.match;
  const ns = isClusterScoped(object.kind) ? undefined : effectiveNamespace(object);
  if (m.namespaces && (ns === undefined || !m.namespaces.includes(ns))) return false;
  if (m.excludeNamespaces && ns !== undefined && m.excludeNamespaces.includes(ns)) return false;
  if (m.namespaceSelector && (ns === undefined || !matchesSelector(namespaceLabels(ns, inventory), m.namespaceSelector))) return false;
  if (m.labelSelector && !matchesSelector(object.labels, m.labelSelector)) return false;
  return true;
}

/** Evaluate a rule on one object: one issue per failed validation (and per evaluation error under failurePolicy Fail). */
export function evaluateRule(rule: CustomRule, ctx: ObjectContext): Issue[] {
  const { object, inventory } = ctx;
  if (!ruleMatches(rule, object, inventory)) return [];
  const base: Record<string, unknown> = {
    object: toCel(object.raw),
    oldObject: null,
    params: rule.params === undefined ? null : toCel(rule.params),
    namespaceObject: namespaceObject(object, inventory),
    request: admissionRequest(object),
  };
  const context = { ...base, variables: lazyVariables(rule.variables, base) };
  const result = runValidations(rule.validations, context);
  const issues: Issue[] = result.failed.map((f) => ctx.at(f.path ?? '', f.message));
  if (rule.failurePolicy === 'Fail') for (const e of result.errors) issues.push(ctx.at('', `rule ${rule.id}: ${e.message}`));
  return issues;
}

/** A custom rule as an ordinary check: listed, selected, excepted, gated and mapped to frameworks like a built-in one. */
export function ruleCheck(rule: CustomRule): Check {
  const kinds = rule.match.kinds && !rule.match.kinds.includes('*') ? rule.match.kinds : undefined;
  const check: Check = {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    category: rule.category,
    description: `${rule.description} (custom rule, ${rule.source.file}:${rule.source.line})`,
    remediation: rule.remediation,
    frameworks: rule.frameworks,
    examples: { fail: [], pass: [] },
    subject: 'object',
    ...(kinds ? { kinds } : {}),
    run: (ctx: ObjectContext) => evaluateRule(rule, ctx),
  };
  setApplies(check, (object, inventory) => (!kinds || kinds.includes(object.kind)) && ruleMatches(rule, object, inventory));
  return check;
}
