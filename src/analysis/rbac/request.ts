import type { Request } from './rule.js';

/** API groups of the built-in resources, so `deployments` means `deployments.apps` as kubectl would resolve it. */
const GROUPS: Record<string, string[]> = {
  '': ['pods', 'services', 'secrets', 'configmaps', 'serviceaccounts', 'namespaces', 'nodes', 'persistentvolumes', 'persistentvolumeclaims',
    'endpoints', 'events', 'replicationcontrollers', 'limitranges', 'resourcequotas', 'podtemplates', 'bindings', 'componentstatuses', 'users', 'groups'],
  apps: ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'controllerrevisions'],
  batch: ['jobs', 'cronjobs'],
  'rbac.authorization.k8s.io': ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'],
  'networking.k8s.io': ['networkpolicies', 'ingresses', 'ingressclasses'],
  policy: ['poddisruptionbudgets'],
  'admissionregistration.k8s.io': ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings'],
  'certificates.k8s.io': ['certificatesigningrequests', 'signers'],
  'storage.k8s.io': ['storageclasses', 'csidrivers', 'csinodes', 'volumeattachments'],
  'apiextensions.k8s.io': ['customresourcedefinitions'],
  'coordination.k8s.io': ['leases'],
  autoscaling: ['horizontalpodautoscalers'],
  'authentication.k8s.io': ['tokenreviews', 'userextras', 'uids'],
  'authorization.k8s.io': ['subjectaccessreviews', 'selfsubjectaccessreviews', 'localsubjectaccessreviews', 'selfsubjectrulesreviews'],
  'discovery.k8s.io': ['endpointslices'],
  'apiregistration.k8s.io': ['apiservices'],
  'scheduling.k8s.io': ['priorityclasses'],
  'node.k8s.io': ['runtimeclasses'],
};
const GROUP_OF = new Map(Object.entries(GROUPS).flatMap(([g, rs]) => rs.map((r) => [r, g] as const)));

/** kubectl's short names and singulars for the common kinds. */
const SHORT: Record<string, string> = {
  po: 'pods', pod: 'pods', svc: 'services', service: 'services', secret: 'secrets', cm: 'configmaps', configmap: 'configmaps',
  sa: 'serviceaccounts', serviceaccount: 'serviceaccounts', ns: 'namespaces', namespace: 'namespaces', no: 'nodes', node: 'nodes',
  pv: 'persistentvolumes', pvc: 'persistentvolumeclaims', ep: 'endpoints', ev: 'events', rc: 'replicationcontrollers',
  deploy: 'deployments', deployment: 'deployments', rs: 'replicasets', sts: 'statefulsets', ds: 'daemonsets', job: 'jobs', cj: 'cronjobs',
  role: 'roles', rolebinding: 'rolebindings', clusterrole: 'clusterroles', clusterrolebinding: 'clusterrolebindings',
  netpol: 'networkpolicies', ing: 'ingresses', pdb: 'poddisruptionbudgets', csr: 'certificatesigningrequests',
  crd: 'customresourcedefinitions', crds: 'customresourcedefinitions', hpa: 'horizontalpodautoscalers', sc: 'storageclasses',
};

export interface ResourceSpec {
  group: string;
  resource: string;
  subresource: string;
  /** Set when a bare name was not a known built-in resource and was taken to be in the core group. */
  guessed?: boolean;
}

/**
 * "pods", "pods/exec", "deployments.apps", "deployments.apps/scale", "widgets.example.com", "*":
 * resource[.group][/subresource], with kubectl's short names for built-ins.
 */
export function parseResource(text: string): ResourceSpec | { error: string } {
  const t = text.trim().toLowerCase();
  if (!t) return { error: 'empty resource' };
  const slash = t.indexOf('/');
  const head = slash < 0 ? t : t.slice(0, slash);
  const subresource = slash < 0 ? '' : t.slice(slash + 1);
  if (slash >= 0 && (!subresource || subresource.includes('/'))) return { error: `bad subresource in "${text}"` };
  if (head === '*') return { group: '*', resource: '*', subresource };
  const dot = head.indexOf('.');
  if (dot > 0) return { group: head.slice(dot + 1), resource: SHORT[head.slice(0, dot)] ?? head.slice(0, dot), subresource };
  const resource = SHORT[head] ?? head;
  const group = GROUP_OF.get(resource);
  return group === undefined ? { group: '', resource, subresource, guessed: true } : { group, resource, subresource };
}

/** A resource request (namespace "" is cluster-wide), or a non-resource request when the "resource" is a URL path. */
export function buildRequest(verb: string, resource: string, opts: { namespace?: string; name?: string } = {}): { request: Request; guessed?: boolean } | { error: string } {
  if (!verb.trim()) return { error: 'empty verb' };
  if (resource.startsWith('/')) return { request: { kind: 'nonResource', verb: verb.trim(), path: resource } };
  const spec = parseResource(resource);
  if ('error' in spec) return spec;
  const request: Request = { kind: 'resource', verb: verb.trim(), group: spec.group, resource: spec.resource, subresource: spec.subresource, name: opts.name ?? '', namespace: opts.namespace ?? '' };
  return spec.guessed ? { request, guessed: true } : { request };
}

export function describeRequest(req: Request): string {
  if (req.kind === 'nonResource') return `${req.verb} ${req.path}`;
  const res = `${req.resource}${req.group && req.group !== '*' ? '.' + req.group : ''}${req.subresource ? '/' + req.subresource : ''}`;
  return `${req.verb} ${res}${req.name ? ` "${req.name}"` : ''} ${req.namespace ? `in namespace ${req.namespace}` : 'cluster-wide'}`;
}
