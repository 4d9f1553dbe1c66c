import { asArray, isRecord } from '../../model/object.js';

/** One PolicyRule, its string lists cleaned (non-strings dropped). */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** What the RBAC authorizer is asked: a resource request or a non-resource request. */
export type Request =
  | { kind: 'resource'; verb: string; group: string; resource: string; subresource: string; name: string; namespace: string }
  | { kind: 'nonResource'; verb: string; path: string };

/** The strings of a list (the list itself when it holds only strings, as it nearly always does). */
const strings = (v: unknown): string[] => {
  const a = asArray(v);
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return a.filter((s): s is string => typeof s === 'string');
  return a as string[];
};

export function parseRule(v: unknown): PolicyRule | undefined {
  if (!isRecord(v)) return undefined;
  return {
    verbs: strings(v.verbs),
    apiGroups: strings(v.apiGroups),
    resources: strings(v.resources),
    resourceNames: strings(v.resourceNames),
    nonResourceURLs: strings(v.nonResourceURLs),
  };
}

// The matchers below follow k8s.io/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go exactly.

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  for (const v of rule.verbs) if (v === '*' || v === verb) return true;
  return false;
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  for (const g of rule.apiGroups) if (g === '*' || g === group) return true;
  return false;
}

/**
 * `*` matches everything; otherwise the exact "resource" or "resource/subresource"; and a rule
 * resource `*\/sub` matches any resource's subresource `sub`. Note that `pods/*` is NOT a wildcard
 * for the authorizer: it matches no real request.
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources) {
    if (r === '*' || r === combined) return true;
    if (subresource.length === 0) continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/** No resourceNames: every name. Otherwise only the listed ones (a request without a name, like create or an unfiltered list, never matches). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  if (rule.resourceNames.length === 0) return true;
  return rule.resourceNames.includes(name);
}

/** `*`, an exact path, or a prefix when the rule's URL ends in `*` (every trailing `*` trimmed). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function combinedResource(resource: string, subresource: string): string {
  return subresource ? `${resource}/${subresource}` : resource;
}

/** RuleAllows of the Kubernetes RBAC authorizer. */
export function ruleAllows(rule: PolicyRule, req: Request): boolean {
  if (req.kind === 'resource') {
    return (
      verbMatches(rule, req.verb) &&
      apiGroupMatches(rule, req.group) &&
      resourceMatches(rule, combinedResource(req.resource, req.subresource), req.subresource) &&
      resourceNameMatches(rule, req.name)
    );
  }
  return verbMatches(rule, req.verb) && nonResourceURLMatches(rule, req.path);
}

/** "get,list pods,secrets [names: a,b] (group core)" style one-line description of a rule. */
export function describeRule(rule: PolicyRule): string {
  const list = (xs: string[]) => (xs.length ? xs.join(',') : '(none)');
  if (rule.nonResourceURLs.length && !rule.resources.length) return `${list(rule.verbs)} on URLs ${list(rule.nonResourceURLs)}`;
  const groups = rule.apiGroups.map((g) => (g === '' ? 'core' : g));
  let s = `${list(rule.verbs)} on ${list(rule.resources)} (apiGroups ${list(groups)})`;
  if (rule.resourceNames.length) s += ` names ${rule.resourceNames.join(',')}`;
  return s;
}

/** Stable key for de-duplicating rules. */
export function ruleKey(rule: PolicyRule): string {
  const k = (xs: string[]) => [...xs].sort().join(',');
  return [k(rule.verbs), k(rule.apiGroups), k(rule.resources), k(rule.resourceNames), k(rule.nonResourceURLs)].join('|');
}
