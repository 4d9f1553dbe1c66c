import type { Check, Issue } from '../../checks/define.js';
import type { Severity } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import { locate, type K8sObject } from '../../model/object.js';
import { evaluatePolicy } from './evaluate-policy.js';
import { setApplies } from '../applies.js';
import { compilePolicy, isAdmissionKind, parseBinding, type CompiledPolicy, type ParsedBinding } from './parse-policy.js';

/** The prefix of the check id each ValidatingAdmissionPolicy in the input becomes: `vap-<policy name>`. */
export const VAP_CHECK_PREFIX = 'vap-';

/**
 * The severity of a binding's findings from its validationActions: Deny → the policy's severity (annotation
 * kubeward.io/severity, default high), Warn → medium, Audit → info; the highest action wins.
 */
export function actionSeverity(actions: readonly string[], policySeverity: Severity): Severity | undefined {
  if (actions.includes('Deny')) return policySeverity;
  if (actions.includes('Warn')) return 'medium';
  if (actions.includes('Audit')) return 'info';
  return undefined;
}

function messageOf(policy: CompiledPolicy, binding: ParsedBinding, text: string): string {
  return binding.validationActions.includes('Deny')
    ? `ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}' denied request: ${text}`
    : `Validation failed for ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}': ${text}${binding.validationActions.includes('Warn') ? '' : ' (Audit)'}`;
}

function policyCheck(policy: CompiledPolicy, bindings: ParsedBinding[]): Check {
  const at = locate(policy.object, '');
  const where = `${at.file}:${at.line}`;
  const check: Check = {
    id: `${VAP_CHECK_PREFIX}${policy.name}`,
    title: `ValidatingAdmissionPolicy ${policy.name}`,
    severity: policy.severity,
    category: 'workload',
    description: `The ValidatingAdmissionPolicy ${policy.name} (${where}), evaluated offline through its binding${bindings.length === 1 ? '' : 's'} ${bindings.map((b) => b.name).join(', ')} as the API server would on creating each object.`,
    remediation: `Change the object so that ValidatingAdmissionPolicy ${policy.name} (${where}) admits it.`,
    frameworks: {},
    examples: { fail: [], pass: [] },
    subject: 'inventory',
    run: ({ inventory }) => {
      const out: { object: K8sObject; issue: Issue }[] = [];
      const issue = (path: string, message: string, severity: Severity, expected?: string): Issue => ({
        path, message, severity, ...(expected ? { evidence: { expected } } : {}),
      });
      // An expression that does not compile is reported on the policy itself, at the expression.
      for (const p of policy.problems) out.push({ object: policy.object, issue: issue(p.path, `ValidatingAdmissionPolicy '${policy.name}': ${p.path.slice(1).replace(/\//g, '.')} ${p.message}`, policy.severity) });
      for (const binding of bindings) {
        const severity = actionSeverity(binding.validationActions, policy.severity);
        if (!severity) continue;
        for (const object of inventory.objects) {
          const outcome = evaluatePolicy(policy, binding, object, inventory);
          if (outcome.kind === 'violations') {
            for (const v of outcome.violations) out.push({ object, issue: issue(v.path ?? '', messageOf(policy, binding, v.message), severity, v.expression) });
          } else if (outcome.kind === 'error' && policy.failurePolicy === 'Fail') {
            out.push({ object, issue: issue('', messageOf(policy, binding, outcome.message), severity) });
          }
        }
      }
      return out;
    },
  };
  setApplies(check, (object, inventory) => bindings.some((b) => actionSeverity(b.validationActions, 'high') && evaluatePolicy(policy, b, object, inventory).kind !== 'skip'));
  return check;
}

/**
 * One check per ValidatingAdmissionPolicy of the input that some binding of the input names (with
 * `implicitBindings`, every policy: one without a binding is evaluated as if bound with Deny), and what the
 * user should know about the others (a policy no binding names is never enforced; a binding naming no policy
 * in the input, or with no validationActions, does nothing; auditAnnotations are not evaluated).
 */
export function admissionPolicyChecks(inventory: Inventory, opts: { implicitBindings?: boolean } = {}): { checks: Check[]; warnings: string[] } {
  const policies = inventory.objects.filter((o) => isAdmissionKind(o, 'ValidatingAdmissionPolicy'));
  const bindings = inventory.objects.filter((o) => isAdmissionKind(o, 'ValidatingAdmissionPolicyBinding')).map(parseBinding);
  const checks: Check[] = [];
  const warnings: string[] = [];
  const names = new Set(policies.map((p) => p.name));
  for (const b of bindings) {
    if (!names.has(b.policyName)) warnings.push(`ValidatingAdmissionPolicyBinding ${b.name} names policy "${b.policyName}", which is not in the input: not evaluated`);
    else if (actionSeverity(b.validationActions, 'high') === undefined) warnings.push(`ValidatingAdmissionPolicyBinding ${b.name} has no validationActions (Deny, Warn, Audit): not evaluated`);
  }
  const seen = new Set<string>();
  for (const object of policies) {
    if (seen.has(object.name)) continue;
    seen.add(object.name);
    const mine = bindings.filter((b) => b.policyName === object.name);
    // `kubeward policy test` (as `kyverno test`) evaluates a policy without a binding as if bound with Deny.
    if (mine.length === 0 && opts.implicitBindings) mine.push({ object, name: '(no binding)', policyName: object.name, validationActions: ['Deny'] });
    if (mine.length === 0) {
      warnings.push(`ValidatingAdmissionPolicy ${object.name} has no ValidatingAdmissionPolicyBinding in the input: not evaluated (the API server enforces a policy only through a binding)`);
      continue;
    }
    const policy = compilePolicy(object);
    if (policy.hasAuditAnnotations) warnings.push(`ValidatingAdmissionPolicy ${object.name}: auditAnnotations are not evaluated offline (they only annotate audit events)`);
    checks.push(policyCheck(policy, mine));
  }
  return { checks, warnings };
}
