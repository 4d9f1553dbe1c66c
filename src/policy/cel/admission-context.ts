import { apiGroup, effectiveNamespace, isClusterScoped } from '../../model/kinds.js';
import type { Inventory } from '../../model/inventory.js';
import type { K8sObject } from '../../model/object.js';
import { toCel } from './values.js';

/** Kinds whose resource name is not the lowercase plural made by rule (the others: `kind` → `kinds`). */
const IRREGULAR: Record<string, string> = {
  Endpoints: 'endpoints',
  PodSecurityPolicy: 'podsecuritypolicies',
  NetworkPolicy: 'networkpolicies',
  Ingress: 'ingresses',
  IngressClass: 'ingressclasses',
  StorageClass: 'storageclasses',
  PriorityClass: 'priorityclasses',
  RuntimeClass: 'runtimeclasses',
  ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
  MutatingAdmissionPolicy: 'mutatingadmissionpolicies',
  ResourceQuota: 'resourcequotas',
};

/** The API resource of a kind (`Deployment` → `deployments`): Kubernetes' lowercase plural. */
export function resourceOf(kind: string): string {
  const fixed = IRREGULAR[kind];
  if (fixed) return fixed;
  const lower = kind.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export function gvrOf(object: Pick<K8sObject, 'apiVersion' | 'kind'>): GroupVersionResource {
  const group = apiGroup(object.apiVersion);
  const version = object.apiVersion.includes('/') ? object.apiVersion.slice(object.apiVersion.indexOf('/') + 1) : object.apiVersion;
  return { group, version, resource: resourceOf(object.kind) };
}

/** The namespace an object is created in, or undefined for a cluster-scoped kind. */
export function namespaceOf(object: K8sObject): string | undefined {
  return isClusterScoped(object.kind) ? undefined : effectiveNamespace(object);
}

/**
 * The labels of a namespace as a namespaceSelector sees them: the Namespace object's in the input, else only the
 * `kubernetes.io/metadata.name` label the API server puts on every namespace.
 */
export function namespaceLabels(namespace: string, inventory: Inventory): Record<string, string> {
  const ns = inventory.get('Namespace', undefined, namespace);
  return { ...(ns?.labels ?? {}), 'kubernetes.io/metadata.name': namespace };
}

/**
 * `namespaceObject`: the object's Namespace from the input; when the input has none, the Namespace the API server
 * would hold (a namespace exists before anything is created in it): its name and `kubernetes.io/metadata.name`
 * label. Null for a cluster-scoped object.
 */
export function namespaceObject(object: K8sObject, inventory: Inventory): unknown {
  const ns = namespaceOf(object);
  if (ns === undefined) return null;
  const found = inventory.get('Namespace', undefined, ns);
  if (found) {
    // The API server labels every Namespace with kubernetes.io/metadata.name; a manifest seldom writes it.
    let ns = withNameLabel.get(found);
    if (!ns) {
      const raw = found.raw;
      const meta = (raw.metadata ?? {}) as Record<string, unknown>;
      const labels = (meta.labels && typeof meta.labels === 'object' ? meta.labels : {}) as Record<string, unknown>;
      ns = toCel({ ...raw, metadata: { ...meta, labels: { ...labels, 'kubernetes.io/metadata.name': found.name } } });
      withNameLabel.set(found, ns);
    }
    return ns;
  }
  let synthetic = syntheticNamespaces.get(ns);
  if (!synthetic) {
    synthetic = toCel({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    syntheticNamespaces.set(ns, synthetic);
  }
  return synthetic;
}
const syntheticNamespaces = new Map<string, unknown>();
const withNameLabel = new WeakMap<K8sObject, unknown>();

const requests = new WeakMap<K8sObject, unknown>();

/**
 * `request`: a synthetic admission request creating the object (operation CREATE, no user, not a dry run), as
 * the API server would build it when the manifest is applied.
 */
export function admissionRequest(object: K8sObject): unknown {
  const hit = requests.get(object);
  if (hit) return hit;
  const gvr = gvrOf(object);
  const ns = namespaceOf(object);
  const gvk = { group: gvr.group, version: gvr.version, kind: object.kind };
  const r = toCel({
    uid: '',
    kind: gvk,
    resource: gvr,
    requestKind: gvk,
    requestResource: gvr,
    name: object.name,
    ...(ns !== undefined ? { namespace: ns } : { namespace: '' }),
    operation: 'CREATE',
    userInfo: { username: '', groups: [] },
    dryRun: false,
    options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
  });
  requests.set(object, r);
  return r;
}
