import { displayBinding, type BindingInfo } from '../engine/rbac.js';
import type { Grant } from '../engine/rbac.js';
import type { RoleInfo, RuleRef } from '../engine/rbac.js';
import { describeRule } from '../engine/rbac.js';
import { describeSubject, type BindingSubject } from '../engine/rbac.js';
import type { K8sObject } from '../model/object.js';
import { locate } from '../engine/rbac.js';

/** "file.yaml:12" of an object, or of one of its fields. */
export function where(o: K8sObject, pointer = ''): string {
  const l = locate(o, pointer);
  return `${l.file}:${l.line}`;
}

export function roleName(r: RoleInfo): string {
  return r.namespace ? `Role ${r.namespace}/${r.name}` : `ClusterRole ${r.name}`;
}

/** Where a rule is written: its own role, or the role an aggregated ClusterRole took it from. */
export function ruleOrigin(role: RoleInfo, ref: RuleRef): string {
  const from = ref.source === role.object ? '' : ` (aggregated from ClusterRole ${ref.source.name})`;
  return `rule ${ref.index}${from} at ${where(ref.source, `/rules/${ref.index}`)}`;
}

/** One line of evidence: binding → role → rule, each with its location. */
export function grantLine(g: { binding: BindingInfo; role: RoleInfo; ref: RuleRef }): string {
  return `${displayBinding(g.binding)} (${where(g.binding.object)}) → ${roleName(g.role)}, ${ruleOrigin(g.role, g.ref)}: ${describeRule(g.ref.rule)}`;
}

export function subjectJson(s: BindingSubject): Record<string, string> {
  return s.namespace !== undefined ? { kind: s.kind, namespace: s.namespace, name: s.name } : { kind: s.kind, name: s.name };
}

function objJson(o: K8sObject, pointer = ''): Record<string, unknown> {
  const l = locate(o, pointer);
  return { kind: o.kind, ...(o.namespace ? { namespace: o.namespace } : {}), name: o.name, file: l.file, line: l.line };
}

export function grantJson(g: { binding: BindingInfo; role: RoleInfo; ref: RuleRef; subject?: BindingSubject; namespace?: string }): Record<string, unknown> {
  return {
    ...(g.subject ? { subject: subjectJson(g.subject) } : {}),
    scope: g.binding.namespace ?? 'cluster',
    binding: objJson(g.binding.object),
    role: objJson(g.role.object),
    rule: { index: g.ref.index, source: objJson(g.ref.source, `/rules/${g.ref.index}`), ...g.ref.rule },
  };
}

export { describeSubject };
export type { Grant };
