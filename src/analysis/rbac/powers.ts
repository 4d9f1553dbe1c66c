import { ruleAllows, type PolicyRule } from './rule.js';

/** A dangerous capability, as the requests that exercise it. */
export interface Power {
  id: string;
  /** "read secrets": what a holder can do, as a phrase. */
  phrase: string;
  /** verb × "group/resource[/subresource]" requests; any one of them is enough. */
  verbs: string[];
  resources: { group: string; resource: string; subresource?: string }[];
}

const core = (resource: string, subresource?: string) => (subresource ? { group: '', resource, subresource } : { group: '', resource });
const rbac = (resource: string) => ({ group: 'rbac.authorization.k8s.io', resource });

export const POWERS = {
  readSecrets: { id: 'read-secrets', phrase: 'read secrets', verbs: ['get', 'list', 'watch'], resources: [core('secrets')] },
  execPods: { id: 'exec-pods', phrase: 'exec into, attach to or port-forward to pods', verbs: ['create', 'get'], resources: [core('pods', 'exec'), core('pods', 'attach'), core('pods', 'portforward')] },
  createPods: {
    id: 'create-pods', phrase: 'create pods or pod-creating workloads', verbs: ['create'],
    resources: [core('pods'), core('replicationcontrollers'), ...['deployments', 'replicasets', 'statefulsets', 'daemonsets'].map((r) => ({ group: 'apps', resource: r })),
      { group: 'batch', resource: 'jobs' }, { group: 'batch', resource: 'cronjobs' }],
  },
  escalate: { id: 'escalate', phrase: 'escalate roles (add permissions it does not hold)', verbs: ['escalate'], resources: [rbac('roles'), rbac('clusterroles')] },
  bind: { id: 'bind', phrase: 'bind roles it does not hold', verbs: ['bind'], resources: [rbac('roles'), rbac('clusterroles')] },
  impersonate: {
    id: 'impersonate', phrase: 'impersonate users, groups or service accounts', verbs: ['impersonate'],
    resources: [core('users'), core('groups'), core('serviceaccounts'), { group: 'authentication.k8s.io', resource: 'uids' }, { group: 'authentication.k8s.io', resource: 'userextras', subresource: 'scopes' }],
  },
  createTokens: { id: 'create-tokens', phrase: 'create service account tokens', verbs: ['create'], resources: [core('serviceaccounts', 'token')] },
  nodesProxy: { id: 'nodes-proxy', phrase: "reach the kubelet API through nodes/proxy", verbs: ['get', 'create', 'update', 'patch', 'delete'], resources: [core('nodes', 'proxy')] },
  approveCsr: { id: 'approve-csr', phrase: 'approve certificate signing requests for signers', verbs: ['approve'], resources: [{ group: 'certificates.k8s.io', resource: 'signers' }] },
  writeWebhooks: {
    id: 'write-webhooks', phrase: 'write admission webhook configurations', verbs: ['create', 'update', 'patch', 'delete'],
    resources: [{ group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' }, { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations' }],
  },
  createPersistentVolumes: { id: 'create-persistentvolumes', phrase: 'create persistent volumes (host paths)', verbs: ['create'], resources: [core('persistentvolumes')] },
  writeRbac: { id: 'write-rbac', phrase: 'create or change roles and bindings', verbs: ['create', 'update', 'patch'], resources: [rbac('roles'), rbac('clusterroles'), rbac('rolebindings'), rbac('clusterrolebindings')] },
} as const satisfies Record<string, Power>;

export const ALL_POWERS: readonly Power[] = Object.values(POWERS);

/** Powers that single checks report, not counted in a service account's dangerous powers (ALL_POWERS). */
export const MORE_POWERS = {
  deleteEvents: { id: 'delete-events', phrase: 'delete events', verbs: ['delete', 'deletecollection'], resources: [core('events'), { group: 'events.k8s.io', resource: 'events' }] },
  servicesProxy: { id: 'services-proxy', phrase: 'reach services through the API server (services/proxy)', verbs: ['get', 'create', 'update', 'patch', 'delete'], resources: [core('services', 'proxy')] },
  /** The legacy `proxy` verb on services, which older API servers and roles still carry. */
  servicesProxyVerb: { id: 'services-proxy-verb', phrase: 'proxy to services (the proxy verb)', verbs: ['proxy'], resources: [core('services')] },
  writeApiServices: { id: 'write-apiservices', phrase: 'repoint aggregated APIs (update or patch apiservices)', verbs: ['update', 'patch'], resources: [{ group: 'apiregistration.k8s.io', resource: 'apiservices' }] },
} as const satisfies Record<string, Power>;

/** Whether the request carries an object name the rule's resourceNames can match: never for create and deletecollection of a collection. */
function hasName(verb: string, subresource: string): boolean {
  return subresource !== '' || (verb !== 'create' && verb !== 'deletecollection');
}

export interface PowerMatch {
  /** "create pods", "get pods/exec" ... the requests the rule allows. */
  requests: string[];
  /** Only for these object names (the rule's resourceNames). */
  onlyNames?: string[];
}

const cache = new WeakMap<PolicyRule, Map<string, PowerMatch | null>>();

/** Which of the power's requests the rule allows (for some object name), or undefined when none. Cached per rule. */
export function rulePower(rule: PolicyRule, power: Power): PowerMatch | undefined {
  let m = cache.get(rule);
  if (!m) cache.set(rule, (m = new Map()));
  let r = m.get(power.id);
  if (r === undefined) m.set(power.id, (r = computePower(rule, power) ?? null));
  return r ?? undefined;
}

function computePower(rule: PolicyRule, power: Power): PowerMatch | undefined {
  // Most rules share no verb with the power: settle them without building requests.
  if (!rule.verbs.some((v) => v === '*' || power.verbs.includes(v))) return undefined;
  const requests: string[] = [];
  let limited = false;
  for (const verb of power.verbs) {
    for (const r of power.resources) {
      const sub = r.subresource ?? '';
      const names = rule.resourceNames.length > 0;
      if (names && !hasName(verb, sub)) continue;
      const name = names ? rule.resourceNames[0]! : '';
      if (ruleAllows(rule, { kind: 'resource', verb, group: r.group, resource: r.resource, subresource: sub, name, namespace: 'x' })) {
        const text = `${verb} ${r.resource}${sub ? '/' + sub : ''}`;
        // The same resource in two groups (events, events.k8s.io events) reads as one request.
        if (!requests.includes(text)) requests.push(text);
        limited ||= names;
      }
    }
  }
  if (!requests.length) return undefined;
  return limited ? { requests, onlyNames: rule.resourceNames } : { requests };
}

/** The verbs that read and write every object of a resource: all seven (deletecollection is optional). */
export const READ_WRITE_VERBS: readonly string[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/**
 * How a rule holds every resource of every API group, for every name:
 * - 'wildcard': `*` verbs on `*` resources in `*` apiGroups (cluster-admin's own rule);
 * - 'read-write': get, list, watch, create, update, patch and delete listed one by one on `*` resources in `*`
 *   apiGroups. Not literally `*` (escalate, bind and impersonate are missing), but a holder reads every secret,
 *   creates pods as any service account and mints tokens (`*` resources includes `serviceaccounts/token`), so
 *   it becomes cluster-admin in one step: cluster-admin-equivalent.
 * undefined for any other rule (a resourceNames list, a missing verb, a listed group or resource).
 */
export function fullPower(rule: PolicyRule): 'wildcard' | 'read-write' | undefined {
  if (!rule.apiGroups.includes('*') || !rule.resources.includes('*') || rule.resourceNames.length !== 0) return undefined;
  if (rule.verbs.includes('*')) return 'wildcard';
  return READ_WRITE_VERBS.every((v) => rule.verbs.includes(v)) ? 'read-write' : undefined;
}

/** What a full-power rule lets its holder do, as a phrase: "do anything (* on *)" or "read and write every resource (cluster-admin-equivalent)". */
export function fullPowerPhrase(kind: 'wildcard' | 'read-write'): string {
  return kind === 'wildcard' ? 'do anything (* on *)' : 'read and write every resource (cluster-admin-equivalent: get, list, watch, create, update, patch, delete on *)';
}

/** A full-power rule (see fullPower): everything cluster-admin can do with resources, or its equivalent. */
export function isClusterAdminRule(rule: PolicyRule): boolean {
  return fullPower(rule) !== undefined;
}
