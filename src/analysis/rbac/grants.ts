import type { BindingInfo } from './bindings.js';
import type { RoleInfo, RuleRef } from './roles.js';
import { ruleAllows, type Request } from './rule.js';
import type { BindingSubject } from './subjects.js';

/** One rule granted to one subject through one binding: the evidence for every answer. */
export interface Grant {
  binding: BindingInfo;
  subject: BindingSubject;
  role: RoleInfo;
  ref: RuleRef;
  /** Where the rule applies: a namespace (RoleBinding), or undefined for every namespace and cluster-scoped resources. */
  namespace?: string;
}

/** The rules a binding grants, for one of its subjects. */
export function grantsOf(binding: BindingInfo, subject: BindingSubject): Grant[] {
  if (!binding.role) return [];
  return binding.role.rules.map((ref) => {
    const g: Grant = { binding, subject, role: binding.role!, ref };
    if (binding.namespace !== undefined) g.namespace = binding.namespace;
    return g;
  });
}

/**
 * True when the grant applies to the request: ClusterRoleBindings apply to every request; a
 * RoleBinding only to resource requests in its own namespace (never to cluster-wide requests nor
 * to non-resource URLs), as VisitRulesFor does.
 */
export function grantApplies(g: Grant, req: Request): boolean {
  if (g.namespace !== undefined && (req.kind !== 'resource' || req.namespace !== g.namespace)) return false;
  return ruleAllows(g.ref.rule, req);
}
