import { apiGroup } from './kinds.js';
import { asRecord, isRecord, type JsonObject, type K8sObject } from './object.js';

/** A pod spec found inside an object, with where it is. */
export interface PodSpecRef {
  object: K8sObject;
  spec: JsonObject;
  /** JSON pointer of the pod spec inside the object, e.g. "/spec/template/spec". */
  path: string;
  /** The pod metadata that goes with the spec (the template's metadata, or the Pod's own). */
  metadata: JsonObject;
  /** JSON pointer of that metadata. */
  metadataPath: string;
}

/** Where built-in workload kinds keep their pod spec. */
const BUILTIN_POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);

/** Objects of these kinds never carry pod specs; they are skipped without a search. */
const NO_POD_SPEC = new Set([
  'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding',
  'Namespace', 'NetworkPolicy', 'Ingress', 'CustomResourceDefinition', 'PersistentVolumeClaim', 'PersistentVolume',
  'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'StorageClass', 'Endpoints', 'EndpointSlice', 'LimitRange',
  'ResourceQuota', 'PriorityClass', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService',
]);

/** Limits for the search in custom resources: deep enough for operators' nesting, bounded for huge objects. */
const SEARCH_MAX_DEPTH = 10;
const SEARCH_MAX_NODES = 5000;

function looksLikePodSpec(v: JsonObject): boolean {
  const containers = v.containers;
  return Array.isArray(containers) && containers.some((c) => isRecord(c) && (typeof c.image === 'string' || typeof c.name === 'string'));
}

function pointerOf(segments: string[]): string {
  return segments.length === 0 ? '' : '/' + segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function ref(object: K8sObject, spec: JsonObject, segments: string[]): PodSpecRef {
  // The pod metadata sits beside the spec: template.metadata, or the Pod's own metadata.
  const parentSegs = segments.slice(0, -1);
  let parent: unknown = object.raw;
  for (const s of parentSegs) parent = asRecord(parent)?.[s];
  const metadata = asRecord(asRecord(parent)?.metadata) ?? {};
  return { object, spec, path: pointerOf(segments), metadata, metadataPath: pointerOf([...parentSegs, 'metadata']) };
}

/**
 * Every pod spec an object carries: the built-in workload kinds by their fixed paths, and any
 * custom resource (Argo Rollout, Knative Service, Kubeflow jobs, ...) by a bounded search under
 * `spec` for maps that hold a `containers` list.
 */
export function podSpecsOf(object: K8sObject): PodSpecRef[] {
  const builtin = BUILTIN_POD_SPEC_PATHS[object.kind];
  if (builtin && BUILTIN_GROUPS.has(apiGroup(object.apiVersion))) {
    let v: unknown = object.raw;
    for (const s of builtin) v = asRecord(v)?.[s];
    return isRecord(v) ? [ref(object, v, builtin)] : [];
  }
  if (NO_POD_SPEC.has(object.kind) || !isRecord(object.raw.spec)) return [];
  const found: PodSpecRef[] = [];
  let visited = 0;
  const walk = (node: JsonObject, segs: string[]): void => {
    if (++visited > SEARCH_MAX_NODES || segs.length > SEARCH_MAX_DEPTH) return;
    if (segs.length > 1 && looksLikePodSpec(node)) {
      found.push(ref(object, node, segs));
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'metadata' || k === 'status') continue;
      if (isRecord(v)) walk(v, [...segs, k]);
    }
  };
  walk(object.raw.spec, ['spec']);
  return found;
}
