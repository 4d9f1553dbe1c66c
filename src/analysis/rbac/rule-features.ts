import { isClusterAdminRule, POWERS, rulePower, type PowerMatch } from './powers.js';
import { ruleAllows, type PolicyRule } from './rule.js';

const RBAC = 'rbac.authorization.k8s.io';
const CERTS = 'certificates.k8s.io';

/** What one rule allows that the escalation graph cares about; computed once per rule. */
export interface RuleFeatures {
  clusterAdmin: boolean;
  /** The pod-creating requests the rule allows ("create pods", "create jobs", ...); empty when none. */
  createPods: string[];
  createTokens?: PowerMatch;
  readSecrets?: PowerMatch;
  /** exec (create or get on pods/exec) into pods of any name, or only the named ones. */
  exec?: { onlyNames?: string[] };
  /** nodes/proxy: on every node, or only the named ones. */
  nodesProxy?: { onlyNames?: string[] };
  impersonateUsers?: { onlyNames?: string[] };
  impersonateGroups?: { onlyNames?: string[] };
  impersonateServiceAccounts?: { onlyNames?: string[] };
  bindClusterAdmin: boolean;
  bindAny: boolean;
  createClusterRoleBindings: boolean;
  createRoleBindings: boolean;
  escalateClusterRoles: boolean;
  approveApiserverClient: boolean;
  approveCsrs: boolean;
  createCsrs: boolean;
  createSecrets: boolean;
}

const cache = new WeakMap<PolicyRule, RuleFeatures>();

function names(rule: PolicyRule, test: (name: string) => boolean): { onlyNames?: string[] } | undefined {
  const n = rule.resourceNames;
  if (!test(n[0] ?? '')) return undefined;
  return n.length ? { onlyNames: n } : {};
}

export function ruleFeatures(rule: PolicyRule): RuleFeatures {
  let f = cache.get(rule);
  if (f) return f;
  const allows = (verb: string, group: string, resource: string, sub = '', name = '') =>
    ruleAllows(rule, { kind: 'resource', verb, group, resource, subresource: sub, name, namespace: 'x' });
  f = {
    clusterAdmin: isClusterAdminRule(rule),
    createPods: rulePower(rule, POWERS.createPods)?.requests ?? [],
    bindClusterAdmin: allows('bind', RBAC, 'clusterroles', '', 'cluster-admin'),
    bindAny: rule.resourceNames.length === 0 && (allows('bind', RBAC, 'clusterroles', '', 'x') || allows('bind', RBAC, 'roles', '', 'x')),
    createClusterRoleBindings: allows('create', RBAC, 'clusterrolebindings'),
    createRoleBindings: allows('create', RBAC, 'rolebindings'),
    escalateClusterRoles: rule.resourceNames.length === 0 && allows('escalate', RBAC, 'clusterroles', '', 'x'),
    approveApiserverClient: allows('approve', CERTS, 'signers', '', 'kubernetes.io/kube-apiserver-client'),
    approveCsrs: allows('update', CERTS, 'certificatesigningrequests', 'approval', 'x') || allows('patch', CERTS, 'certificatesigningrequests', 'approval', 'x'),
    createCsrs: allows('create', CERTS, 'certificatesigningrequests'),
    createSecrets: allows('create', '', 'secrets'),
  };
  const proxy = rulePower(rule, POWERS.nodesProxy);
  if (proxy) f.nodesProxy = proxy.onlyNames ? { onlyNames: proxy.onlyNames } : {};
  const tokens = rulePower(rule, POWERS.createTokens);
  if (tokens) f.createTokens = tokens;
  const secrets = rulePower(rule, POWERS.readSecrets);
  if (secrets) f.readSecrets = secrets;
  const exec = names(rule, (n) => allows('create', '', 'pods', 'exec', n || 'x') || allows('get', '', 'pods', 'exec', n || 'x'));
  if (exec) f.exec = exec;
  const iu = names(rule, (n) => allows('impersonate', '', 'users', '', n));
  if (iu) f.impersonateUsers = iu;
  const ig = names(rule, (n) => allows('impersonate', '', 'groups', '', n));
  if (ig) f.impersonateGroups = ig;
  const isa = names(rule, (n) => allows('impersonate', '', 'serviceaccounts', '', n));
  if (isa) f.impersonateServiceAccounts = isa;
  cache.set(rule, f);
  return f;
}

/** True when the rule allows anything the graph has an edge for (most rules allow nothing of it). */
export function hasFeature(f: RuleFeatures): boolean {
  return f.clusterAdmin || f.createPods.length > 0 || !!f.nodesProxy || f.bindClusterAdmin || f.bindAny || f.createClusterRoleBindings || f.createRoleBindings ||
    f.escalateClusterRoles || f.approveApiserverClient || f.approveCsrs || f.createCsrs || f.createSecrets || !!f.createTokens || !!f.readSecrets || !!f.exec ||
    !!f.impersonateUsers || !!f.impersonateGroups || !!f.impersonateServiceAccounts;
}
