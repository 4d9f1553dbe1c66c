import { matchesSelector, type Inventory, type LabelSelector } from '../../model/inventory.js';
import { isRecord, type K8sObject } from '../../model/object.js';
import { gvrOf, namespaceLabels, namespaceOf } from '../cel/admission-context.js';

/** `matchConstraints` of a policy, `matchResources` of a binding (admissionregistration.k8s.io/v1 MatchResources). */
export interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: NamedRuleWithOperations[];
  excludeResourceRules?: NamedRuleWithOperations[];
}

export interface NamedRuleWithOperations {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
  scope?: string;
  resourceNames?: string[];
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined);

function readRule(v: unknown): NamedRuleWithOperations | undefined {
  if (!isRecord(v)) return undefined;
  const out: NamedRuleWithOperations = {};
  for (const k of ['apiGroups', 'apiVersions', 'resources', 'operations', 'resourceNames'] as const) {
    const s = strings(v[k]);
    if (s) out[k] = s;
  }
  if (typeof v.scope === 'string') out.scope = v.scope;
  return out;
}

function readSelector(v: unknown): LabelSelector | undefined {
  return isRecord(v) ? (v as LabelSelector) : undefined;
}

export function readMatchResources(v: unknown): MatchResources | undefined {
  if (!isRecord(v)) return undefined;
  const out: MatchResources = {};
  const ns = readSelector(v.namespaceSelector);
  if (ns) out.namespaceSelector = ns;
  const obj = readSelector(v.objectSelector);
  if (obj) out.objectSelector = obj;
  if (Array.isArray(v.resourceRules)) out.resourceRules = v.resourceRules.map(readRule).filter((r): r is NamedRuleWithOperations => !!r);
  if (Array.isArray(v.excludeResourceRules)) out.excludeResourceRules = v.excludeResourceRules.map(readRule).filter((r): r is NamedRuleWithOperations => !!r);
  return out;
}

const listHas = (list: readonly string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

/**
 * Whether a rule matches creating this object, as the API server's admission matcher decides: operation CREATE
 * (or *), the group, version and resource (`*`, `*\/*`; rules naming only subresources never match the main
 * resource), the scope, and resourceNames.
 */
export function ruleMatches(rule: NamedRuleWithOperations, object: K8sObject): boolean {
  // `operations` is required by the API server; a policy written without it (kyverno test accepts those) matches any.
  if (rule.operations && !listHas(rule.operations, 'CREATE')) return false;
  const gvr = gvrOf(object);
  if (!listHas(rule.apiGroups, gvr.group)) return false;
  if (!listHas(rule.apiVersions, gvr.version)) return false;
  const resources = rule.resources ?? [];
  if (!resources.some((r) => r === '*' || r === '*/*' || r === gvr.resource)) return false;
  const ns = namespaceOf(object);
  const scope = rule.scope ?? '*';
  if (scope === 'Cluster' && ns !== undefined) return false;
  if (scope === 'Namespaced' && ns === undefined) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0 && !rule.resourceNames.includes(object.name)) return false;
  return true;
}

/**
 * Whether MatchResources selects the object: namespaceSelector (the Namespace's labels; a Namespace object is
 * matched on its own labels; any other cluster-scoped object always matches), objectSelector (its labels),
 * resourceRules (one must match) and excludeResourceRules (none may). `requireRules`: a policy's
 * matchConstraints must name resources; a binding's matchResources may leave them out (then: anything).
 */
export function matchesResources(m: MatchResources | undefined, object: K8sObject, inventory: Inventory, requireRules: boolean): boolean {
  if (!m) return !requireRules;
  if (m.namespaceSelector) {
    const ns = namespaceOf(object);
    if (object.kind === 'Namespace') {
      if (!matchesSelector({ ...object.labels, 'kubernetes.io/metadata.name': object.name }, m.namespaceSelector)) return false;
    } else if (ns !== undefined && !matchesSelector(namespaceLabels(ns, inventory), m.namespaceSelector)) return false;
  }
  if (m.objectSelector && !matchesSelector(object.labels, m.objectSelector)) return false;
  if (m.resourceRules && m.resourceRules.length > 0) {
    if (!m.resourceRules.some((r) => ruleMatches(r, object))) return false;
  } else if (requireRules) return false;
  if (m.excludeResourceRules?.some((r) => ruleMatches(r, object))) return false;
  return true;
}
