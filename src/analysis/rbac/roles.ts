import type { LabelSelector } from '../../model/inventory.js';
import { apiGroup } from '../../model/kinds.js';
import { asArray, isRecord, type K8sObject } from '../../model/object.js';
import { parseRule, type PolicyRule } from './rule.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A rule and where it is written: the role object and its index in `rules`. */
export interface RuleRef {
  rule: PolicyRule;
  /** The role the rule is written in (for an aggregated ClusterRole, the role it was aggregated from). */
  source: K8sObject;
  index: number;
}

export interface RoleInfo {
  key: string;
  kind: 'Role' | 'ClusterRole';
  namespace?: string;
  name: string;
  object: K8sObject;
  /** The rules the authorizer uses: as written, or for an aggregated ClusterRole, the aggregation's result. */
  rules: RuleRef[];
  /** ClusterRoles only: the aggregationRule's selectors (undefined when not aggregated). */
  selectors?: LabelSelector[];
  /** Aggregated ClusterRoles: the names of the ClusterRoles whose rules it holds. */
  aggregatedFrom?: string[];
}

export function roleKey(kind: string, namespace: string | undefined, name: string): string {
  return kind === 'ClusterRole' ? `ClusterRole\u0000${name}` : `Role\u0000${namespace ?? ''}\u0000${name}`;
}

/** An RBAC object of the kind; a Kustomize patch (`$patch: delete`, ...) is not an object of its own. */
export function isRbacObject(o: K8sObject, kind: string): boolean {
  return o.kind === kind && apiGroup(o.apiVersion) === RBAC_GROUP && !('$patch' in o.raw);
}

/** The rules an object writes, with their indexes (entries that are not maps are skipped). */
export function writtenRules(o: K8sObject): RuleRef[] {
  const out: RuleRef[] = [];
  asArray(o.raw.rules).forEach((r, index) => {
    const rule = parseRule(r);
    if (rule) out.push({ rule, source: o, index });
  });
  return out;
}

function selectorsOf(o: K8sObject): LabelSelector[] | undefined {
  const agg = o.raw.aggregationRule;
  if (!isRecord(agg)) return undefined;
  return asArray(agg.clusterRoleSelectors).filter(isRecord) as LabelSelector[];
}

/**
 * Role and ClusterRole objects of the inventory: `all` of them in input order, and by key the one
 * the cluster would hold (a later object of the same name replaces an earlier one, as `kubectl apply` would).
 */
export function readRoles(objects: Iterable<K8sObject>): { roles: Map<string, RoleInfo>; all: RoleInfo[] } {
  const roles = new Map<string, RoleInfo>();
  const all: RoleInfo[] = [];
  for (const o of objects) {
    const kind = isRbacObject(o, 'Role') ? 'Role' : isRbacObject(o, 'ClusterRole') ? 'ClusterRole' : undefined;
    if (!kind) continue;
    const namespace = kind === 'Role' ? o.namespace ?? 'default' : undefined;
    const key = roleKey(kind, namespace, o.name);
    const info: RoleInfo = { key, kind, name: o.name, object: o, rules: writtenRules(o) };
    if (namespace !== undefined) info.namespace = namespace;
    if (kind === 'ClusterRole') {
      const selectors = selectorsOf(o);
      if (selectors) info.selectors = selectors;
    }
    roles.set(key, info);
    all.push(info);
  }
  return { roles, all };
}
