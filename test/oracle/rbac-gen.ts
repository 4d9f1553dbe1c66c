/**
 * A seeded generator of random RBAC policies and of random authorization requests against them, for the
 * oracle test that asks both kubeward's RBAC model and a real kube-apiserver (SubjectAccessReview).
 *
 * The policies use every feature the authorizer has: Roles and ClusterRoles, aggregated ClusterRoles
 * (matchLabels and matchExpressions, chains and cycles of aggregation), RoleBindings to Roles and to
 * ClusterRoles, ClusterRoleBindings, User/Group/ServiceAccount subjects (a RoleBinding's ServiceAccount
 * without a namespace too), bindings to roles that do not exist, subresources, `*\/sub` and `pods/*`,
 * resourceNames, nonResourceURLs with prefixes, and wildcards in verbs, groups, resources and URLs.
 * Every object is one the API server accepts (its validation rules are followed), so all of it is applied.
 *
 * Half the requests are built from a generated rule (so that many are allowed), with one field nudged off
 * it now and then (a near miss); the rest are drawn from the same vocabulary at random.
 */
import type { Request } from '../../src/analysis/rbac/rule.js';
import { mulberry32 } from '../helpers/random.js';

export type Json = Record<string, unknown>;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function rng(seed: number): Random {
  const next = mulberry32(seed);
  const r: Random = {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    some: (xs, min, max) => {
      const n = min + Math.floor(next() * (max - min + 1));
      const pool = [...xs];
      const out: (typeof xs)[number][] = [];
      while (out.length < n && pool.length) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
      return out;
    },
  };
  return r;
}

export interface Random {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  some<T>(xs: readonly T[], min: number, max: number): T[];
}

export const NAMESPACES = ['oracle-a', 'oracle-b', 'oracle-c'] as const;
const USERS = ['u-ann', 'u-ben', 'u-cat', 'u-dan', 'u-eve'];
const GROUPS = ['g-dev', 'g-ops', 'g-sec', 'g-qa'];
/** Service accounts as (namespace, name); they need not exist for RBAC. */
const SERVICE_ACCOUNTS: [string, string][] = [['oracle-a', 'sa-one'], ['oracle-b', 'sa-one'], ['oracle-b', 'sa-two'], ['oracle-c', 'sa-three']];

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', 'use', 'frobnicate'];
const GROUPS_API = ['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'example.com', 'policy'];
const RESOURCES = ['pods', 'secrets', 'configmaps', 'deployments', 'jobs', 'roles', 'clusterroles', 'widgets', 'nodes', 'namespaces', 'users', 'podsecuritypolicies'];
const SUBRESOURCES = ['exec', 'log', 'status', 'scale', 'proxy', 'eviction'];
const NAMES = ['n-one', 'n-two', 'n-three', 'default'];
const URLS = ['/healthz', '/healthz/ping', '/metrics', '/api', '/api/v1', '/apis', '/apis/apps', '/logs', '/logs/kube.log', '/version', '/custom', '/custom/deep/path', '/openapi/v3'];
const URL_RULES = ['/healthz', '/healthz/*', '/metrics', '/api', '/api/*', '/apis*', '/logs/*', '/custom/*', '/custom', '/version', '*', '/openapi/v3'];
/** Label keys of the generated ClusterRoles that aggregation selects on (kept apart from the bootstrap's). */
const AGG_KEYS = ['oracle/tier', 'oracle/team'];
const AGG_VALUES = ['x', 'y', 'z'];

export interface Identity {
  user: string;
  groups: string[];
}

export interface Generated {
  /** Objects in apply order: roles before the bindings that name them. */
  objects: Json[];
  /** Every rule written, for building requests near them. */
  rules: { rule: Json; namespace?: string }[];
}

function resourceRule(r: Random): Json {
  const verbs = r.chance(0.12) ? ['*'] : r.some(VERBS, 1, 3);
  const apiGroups = r.chance(0.1) ? ['*'] : r.some(GROUPS_API, 1, 2);
  const resources: string[] = [];
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) {
    const k = r.int(20);
    if (k === 0) resources.push('*');
    else if (k === 1) resources.push(`*/${r.pick(SUBRESOURCES)}`);
    else if (k === 2) resources.push(`${r.pick(RESOURCES)}/*`);
    else if (k < 7) resources.push(`${r.pick(RESOURCES)}/${r.pick(SUBRESOURCES)}`);
    else resources.push(r.pick(RESOURCES));
  }
  const rule: Json = { verbs, apiGroups, resources: [...new Set(resources)] };
  if (r.chance(0.25)) rule.resourceNames = r.some(NAMES, 1, 2);
  return rule;
}

function urlRule(r: Random): Json {
  return { verbs: r.chance(0.15) ? ['*'] : r.some(['get', 'post', 'put', 'delete', 'head'], 1, 2), nonResourceURLs: r.some(URL_RULES, 1, 3) };
}

function subject(r: Random, bindingNamespace: string | undefined): Json {
  const k = r.int(10);
  if (k < 4) return { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: r.pick(USERS) };
  if (k < 7) {
    const g = r.chance(0.1) ? r.pick(['system:authenticated', 'system:serviceaccounts', `system:serviceaccounts:${r.pick(NAMESPACES)}`]) : r.pick(GROUPS);
    return { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g };
  }
  const [ns, name] = r.pick(SERVICE_ACCOUNTS);
  // A RoleBinding's ServiceAccount without a namespace is in the binding's namespace.
  if (bindingNamespace && r.chance(0.3)) return { kind: 'ServiceAccount', name };
  return { kind: 'ServiceAccount', name, namespace: ns };
}

function selector(r: Random): Json {
  const key = r.pick(AGG_KEYS);
  switch (r.int(4)) {
    case 0: return { matchLabels: { [key]: r.pick(AGG_VALUES) } };
    case 1: return { matchExpressions: [{ key, operator: 'In', values: r.some(AGG_VALUES, 1, 2) }] };
    case 2: return { matchExpressions: [{ key, operator: 'Exists' }, { key: r.pick(AGG_KEYS), operator: 'NotIn', values: [r.pick(AGG_VALUES)] }] };
    default: return { matchLabels: { [AGG_KEYS[0]!]: r.pick(AGG_VALUES), [AGG_KEYS[1]!]: r.pick(AGG_VALUES) } };
  }
}

function aggLabels(r: Random): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const k of AGG_KEYS) if (r.chance(0.5)) labels[k] = r.pick(AGG_VALUES);
  return labels;
}

/** A random policy: `size` scales the number of roles and bindings (1 ≈ 25 roles and 45 bindings). */
export function generatePolicy(seed: number, size = 1): Generated {
  const r = rng(seed);
  const objects: Json[] = [];
  const rules: Generated['rules'] = [];
  const clusterRoles: string[] = [];
  const roles: [string, string][] = [];
  const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({ name, ...(namespace ? { namespace } : {}), ...(labels && Object.keys(labels).length ? { labels } : {}) });

  const nCluster = Math.round(12 * size);
  for (let i = 0; i < nCluster; i++) {
    const name = `oracle-cr-${i}`;
    const rs = Array.from({ length: 1 + r.int(3) }, () => (r.chance(0.2) ? urlRule(r) : resourceRule(r)));
    objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(name, undefined, aggLabels(r)), rules: rs });
    for (const rule of rs) rules.push({ rule });
    clusterRoles.push(name);
  }
  // Aggregated ClusterRoles: written with no rules (the controller replaces them); some carry labels that
  // other aggregated roles select, which makes chains and cycles.
  const nAgg = Math.round(5 * size);
  for (let i = 0; i < nAgg; i++) {
    const name = `oracle-agg-${i}`;
    const labels = r.chance(0.4) ? aggLabels(r) : {};
    objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: meta(name, undefined, labels), aggregationRule: { clusterRoleSelectors: Array.from({ length: 1 + r.int(2) }, () => selector(r)) }, rules: [] });
    clusterRoles.push(name);
  }
  const nRoles = Math.round(9 * size);
  for (let i = 0; i < nRoles; i++) {
    const ns = r.pick(NAMESPACES);
    const name = `oracle-role-${i}`;
    const rs = Array.from({ length: 1 + r.int(3) }, () => resourceRule(r));
    objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(name, ns), rules: rs });
    for (const rule of rs) rules.push({ rule, namespace: ns });
    roles.push([ns, name]);
  }
  // Bindings also name bootstrap ClusterRoles (view, edit: aggregated by the controller too) and roles that do not exist.
  const clusterRef = () => {
    const k = r.int(20);
    if (k === 0) return 'oracle-missing';
    if (k === 1) return r.pick(['view', 'edit', 'system:basic-user']);
    return r.pick(clusterRoles);
  };
  const subjects = (ns?: string) => Array.from({ length: 1 + r.int(3) }, () => subject(r, ns));
  const nCrb = Math.round(15 * size);
  for (let i = 0; i < nCrb; i++) {
    objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta(`oracle-crb-${i}`), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRef() }, subjects: subjects() });
  }
  const nRb = Math.round(30 * size);
  for (let i = 0; i < nRb; i++) {
    const ns = r.pick(NAMESPACES);
    const inNs = roles.filter(([n]) => n === ns);
    const toRole = inNs.length > 0 && r.chance(0.5);
    const roleRef = toRole
      ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: r.chance(0.05) ? 'oracle-missing-role' : r.pick(inNs)[1] }
      : { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRef() };
    objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(`oracle-rb-${i}`, ns), roleRef, subjects: subjects(ns) });
  }
  return { objects, rules };
}

/** A random identity: a user (with random groups), or a service account with the groups its token gets. */
export function randomIdentity(r: Random): Identity {
  if (r.chance(0.3)) {
    const [ns, name] = r.pick(SERVICE_ACCOUNTS);
    return { user: `system:serviceaccount:${ns}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] };
  }
  return { user: r.pick(USERS), groups: [...r.some(GROUPS, 0, 2), ...(r.chance(0.9) ? ['system:authenticated'] : [])] };
}

const concrete = (r: Random, xs: unknown, pool: readonly string[]): string => {
  const list = (Array.isArray(xs) ? xs : []) as string[];
  const v = list.length ? r.pick(list) : r.pick(pool);
  return v === '*' ? r.pick(pool) : v;
};

/** A random request: from a generated rule half of the time (sometimes nudged off it), otherwise at random. */
export function randomRequest(r: Random, gen: Generated): Request {
  const base = r.chance(0.5) ? r.pick(gen.rules) : undefined;
  const rule = base?.rule;
  if ((rule && Array.isArray(rule.nonResourceURLs)) || (!rule && r.chance(0.15))) {
    let path = concrete(r, rule?.nonResourceURLs, URLS);
    if (path.endsWith('*')) path = path.slice(0, -1) + r.pick(['', 'x', 'sub/path', '/more']);
    const verb = r.chance(0.85) ? concrete(r, rule?.verbs, ['get', 'post', 'put', 'delete', 'head']) : r.pick(['get', 'post', 'patch']);
    return { kind: 'nonResource', verb, path: path || '/' };
  }
  let verb = concrete(r, rule?.verbs, VERBS);
  let group = concrete(r, rule?.apiGroups, GROUPS_API);
  let res = concrete(r, rule?.resources, RESOURCES);
  let [resource, sub = ''] = res.split('/') as [string, string?];
  if (resource === '*') resource = r.pick(RESOURCES);
  if (sub === '*') sub = r.chance(0.3) ? '*' : r.pick(SUBRESOURCES);
  if (!rule && r.chance(0.3)) sub = r.pick(SUBRESOURCES);
  let name = '';
  const names = rule?.resourceNames as string[] | undefined;
  if (names?.length) name = r.chance(0.8) ? r.pick(names) : r.chance(0.5) ? '' : r.pick(NAMES);
  else if (r.chance(0.4)) name = r.pick(NAMES);
  let namespace = base?.namespace ?? (r.chance(0.75) ? r.pick(NAMESPACES) : '');
  // A near miss: one field nudged off the rule.
  if (rule && r.chance(0.25)) {
    switch (r.int(5)) {
      case 0: verb = r.pick(VERBS); break;
      case 1: group = r.pick(GROUPS_API); break;
      case 2: resource = r.pick(RESOURCES); break;
      case 3: sub = sub ? '' : r.pick(SUBRESOURCES); break;
      default: namespace = namespace ? (r.chance(0.5) ? '' : r.pick(NAMESPACES)) : r.pick(NAMESPACES);
    }
  }
  res = resource;
  return { kind: 'resource', verb, group, resource: res, subresource: sub, name, namespace };
}

/** The SubjectAccessReview that asks the server the same question. */
export function subjectAccessReview(who: Identity, req: Request): Json {
  const spec: Json = { user: who.user, groups: who.groups };
  if (req.kind === 'nonResource') spec.nonResourceAttributes = { path: req.path, verb: req.verb };
  else {
    spec.resourceAttributes = {
      verb: req.verb, group: req.group, resource: req.resource,
      ...(req.subresource ? { subresource: req.subresource } : {}),
      ...(req.name ? { name: req.name } : {}),
      ...(req.namespace ? { namespace: req.namespace } : {}),
    };
  }
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec };
}
