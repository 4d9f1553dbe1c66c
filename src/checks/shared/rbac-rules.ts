import { displayBinding, type BindingInfo } from '../../analysis/rbac/bindings.js';
import { isBootstrapDefault } from '../../analysis/rbac/defaults.js';
import { rbacModel, type RbacModel } from '../../analysis/rbac/model.js';
import { isClusterAdminRule, rulePower, type Power } from '../../analysis/rbac/powers.js';
import type { RoleInfo } from '../../analysis/rbac/roles.js';
import type { PolicyRule } from '../../analysis/rbac/rule.js';
import { describeSubject } from '../../analysis/rbac/subjects.js';
import type { Severity } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import type { K8sObject } from '../../model/object.js';
import type { Issue } from '../define.js';

export type InventoryFinding = { object: K8sObject; issue: Issue };

export function roleTitle(r: RoleInfo): string {
  return r.namespace ? `Role ${r.namespace}/${r.name}` : `ClusterRole ${r.name}`;
}

/**
 * The roles a user wrote: the API server's own defaults are left out, and aggregated ClusterRoles
 * (whose written rules the controller replaces). The others' `rules` are their written rules.
 */
export function userRoles(model: RbacModel): RoleInfo[] {
  return model.allRoles.filter((r) => !isBootstrapDefault(r.object.labels) && !r.selectors);
}

/** Who the role reaches: bindings to it, and the aggregated ClusterRoles that include it (and their bindings). */
export function reach(model: RbacModel, role: RoleInfo): { bindings: BindingInfo[]; text: string } {
  const bindings = [...model.bindingsOf(role)];
  const into = model.aggregatedInto(role);
  for (const r of into) bindings.push(...model.bindingsOf(r));
  const parts: string[] = [];
  if (into.length) parts.push(`aggregated into ${into.map((r) => r.name).join(', ')}`);
  if (bindings.length) {
    const shown = bindings.slice(0, 3).map((b) => `${displayBinding(b)} (${b.subjects.map(describeSubject).join(', ') || 'no subjects'})`);
    parts.push(`bound by ${shown.join('; ')}${bindings.length > 3 ? `; and ${bindings.length - 3} more` : ''}`);
  } else parts.push('not bound by any binding in the input');
  return { bindings, text: parts.join('; ') };
}

/** True when some binding applies the role in every namespace (a ClusterRoleBinding). */
export function clusterWide(bindings: BindingInfo[]): boolean {
  return bindings.some((b) => b.kind === 'ClusterRoleBinding');
}

function few(xs: string[]): string {
  return xs.length <= 3 ? xs.join(', ') : `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more`;
}

/**
 * One finding per written rule, of every user-written role, that grants one of the powers: at the
 * rule, naming the requests it allows and who the role is bound to. With openOnly, rules limited by
 * resourceNames pass.
 */
export function powerFindings(
  inventory: Inventory,
  powers: readonly Power[],
  severity?: (ctx: { role: RoleInfo; bindings: BindingInfo[]; rule: PolicyRule }) => Severity | undefined,
  opts: { openOnly?: boolean } = {},
): InventoryFinding[] {
  const model = rbacModel(inventory);
  const out: InventoryFinding[] = [];
  for (const role of userRoles(model)) {
    let who: ReturnType<typeof reach> | undefined;
    for (const ref of role.rules) {
      // * on * is everything: rbac-wildcard and rbac-cluster-admin-binding report it once, not every power check.
      if (isClusterAdminRule(ref.rule)) continue;
      const matches = powers.flatMap((p) => {
        const m = rulePower(ref.rule, p);
        // openOnly: a rule limited by resourceNames reaches only the named objects, which is what the remediation asks for.
        return m && !(opts.openOnly && m.onlyNames) ? [{ p, m }] : [];
      });
      if (!matches.length) continue;
      who ??= reach(model, role);
      const what = matches.map(({ p, m }) => `${p.phrase} (${few(m.requests)}${m.onlyNames ? `; only ${m.onlyNames.join(', ')}` : ''})`).join('; ');
      const issue: Issue = {
        path: `/rules/${ref.index}`,
        message: `${roleTitle(role)} can ${what}; ${who.text}`,
        evidence: { found: matches.flatMap(({ m }) => m.requests).join(', '), expected: 'no such rule, or one limited to named objects' },
      };
      const sev = severity?.({ role, bindings: who.bindings, rule: ref.rule });
      if (sev) issue.severity = sev;
      out.push({ object: role.object, issue });
    }
  }
  return out;
}
