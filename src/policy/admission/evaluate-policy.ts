import { matchesSelector, type Inventory, type LabelSelector } from '../../model/inventory.js';
import type { K8sObject } from '../../model/object.js';
import { admissionRequest, namespaceObject, namespaceOf } from '../cel/admission-context.js';
import { celErrorText } from '../cel/environment.js';
import { evaluateBool, lazyVariables, runValidations } from '../cel/evaluate.js';
import { toCel } from '../cel/values.js';
import { matchesResources } from './match-resources.js';
import type { CompiledPolicy, ParsedBinding } from './parse-policy.js';

/** What one policy, through one binding, says about creating one object. */
export type PolicyOutcome =
  | { kind: 'skip' }
  | { kind: 'pass' }
  | { kind: 'violations'; violations: { message: string; path?: string; expression: string }[] }
  /** An expression or the binding's params could not be used: under failurePolicy Fail this denies. */
  | { kind: 'error'; message: string };

/** The params objects a binding selects for an object (paramRef name / namespace / selector). */
export function paramsFor(policy: CompiledPolicy, binding: ParsedBinding, object: K8sObject, inventory: Inventory): { params: K8sObject[] } | { error: string } {
  const kind = policy.paramKind!;
  const ref = binding.paramRef;
  if (!ref) return { error: `policy has paramKind ${kind.kind} but binding ${binding.name} has no paramRef` };
  const candidates = inventory.byKind(kind.kind).filter((o) => !kind.apiVersion || o.apiVersion === kind.apiVersion);
  const clusterScoped = candidates.length > 0 && candidates.every((o) => o.namespace === undefined);
  let namespace: string | undefined;
  if (ref.namespace !== undefined) namespace = ref.namespace;
  else if (!clusterScoped) {
    namespace = namespaceOf(object);
    if (namespace === undefined && candidates.length > 0) return { error: `paramRef of binding ${binding.name} has no namespace, and ${object.kind} ${object.name} is cluster-scoped` };
  }
  const inScope = candidates.filter((o) => clusterScoped || (o.namespace ?? 'default') === namespace);
  if (ref.name !== undefined) return { params: inScope.filter((o) => o.name === ref.name) };
  if (ref.selector) return { params: inScope.filter((o) => matchesSelector(o.labels, ref.selector as LabelSelector)) };
  return { error: `paramRef of binding ${binding.name} names neither name nor selector` };
}

/**
 * Evaluate a ValidatingAdmissionPolicy through one of its bindings for a synthetic CREATE of `object`, in the
 * API server's order: matchConstraints and the binding's matchResources, params, matchConditions (all must be
 * true; an error is an error), then the validations (each false one is a violation).
 */
export function evaluatePolicy(policy: CompiledPolicy, binding: ParsedBinding, object: K8sObject, inventory: Inventory): PolicyOutcome {
  if (!matchesResources(policy.matchConstraints, object, inventory, true)) return { kind: 'skip' };
  if (binding.matchResources && !matchesResources(binding.matchResources, object, inventory, false)) return { kind: 'skip' };
  let paramSets: unknown[] = [null];
  if (policy.paramKind) {
    const found = paramsFor(policy, binding, object, inventory);
    if ('error' in found) return { kind: 'error', message: found.error };
    if (found.params.length === 0) {
      if (binding.paramRef?.parameterNotFoundAction === 'Allow') return { kind: 'pass' };
      return { kind: 'error', message: `no params found for policy binding with \`Deny\` parameterNotFoundAction (no ${policy.paramKind.kind} selected by binding ${binding.name})` };
    }
    paramSets = found.params.map((p) => toCel(p.raw));
  }
  const base = {
    object: toCel(object.raw),
    oldObject: null,
    namespaceObject: namespaceObject(object, inventory),
    request: admissionRequest(object),
  };
  const violations: { message: string; path?: string; expression: string }[] = [];
  for (const params of paramSets) {
    const scope: Record<string, unknown> = { ...base, params };
    const context = { ...scope, variables: lazyVariables(policy.variables, scope) };
    for (const cond of policy.matchConditions) {
      if (!cond.expression) return { kind: 'error', message: `matchCondition ${cond.name} does not compile` };
      try {
        if (!evaluateBool(cond.expression, context)) return { kind: 'skip' };
      } catch (err) {
        return { kind: 'error', message: `matchCondition ${cond.name} could not be evaluated: ${celErrorText(err)}` };
      }
    }
    const broken = policy.problems.find((p) => !p.path.startsWith('/spec/matchConditions/'));
    if (broken) return { kind: 'error', message: `${broken.path.slice(1).replace(/\//g, '.')} ${broken.message}` };
    const result = runValidations(policy.validations, context);
    if (result.errors.length) return { kind: 'error', message: result.errors[0]!.message };
    for (const f of result.failed) violations.push({ message: f.message, ...(f.path !== undefined ? { path: f.path } : {}), expression: policy.validations[f.index]!.source });
  }
  return violations.length ? { kind: 'violations', violations } : { kind: 'pass' };
}
