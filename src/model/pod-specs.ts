import { apiGroup } from './kinds.js';
import { joinPointer } from './position.js';
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

/** The built-in kinds that hold a pod spec. */
export const POD_SPEC_KINDS: readonly string[] = Object.keys(BUILTIN_POD_SPEC_PATHS);

/** The same paths as JSON pointers, computed once. */
const BUILTIN_POINTERS: Record<string, { spec: string; metadata: string }> = Object.fromEntries(
  Object.entries(BUILTIN_POD_SPEC_PATHS).map(([kind, segs]) => [
    kind,
    { spec: '/' + segs.join('/'), metadata: '/' + [...segs.slice(0, -1), 'metadata'].join('/') },
  ]),
);

const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);

/**
 * API groups served by Kubernetes itself. Their kinds are all known: only the workload kinds above
 * carry pod specs, so objects of these groups are never searched. (SIG projects' CRDs live in
 * `*.x-k8s.io` and other groups, and are searched: JobSet, LeaderWorkerSet, ...)
 */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'extensions', 'policy', 'autoscaling', 'rbac.authorization.k8s.io', 'networking.k8s.io',
  'apiextensions.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io', 'admissionregistration.k8s.io',
  'apiregistration.k8s.io', 'discovery.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'certificates.k8s.io',
  'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'resource.k8s.io', 'authentication.k8s.io',
  'authorization.k8s.io', 'internal.apiserver.k8s.io', 'storagemigration.k8s.io',
]);

/**
 * Policy engines' resources (Kyverno policies, Gatekeeper templates, constraints and mutators): their
 * `spec` holds patterns to match and patches to apply (`containers: [{image: "!*:latest"}]`), not pod
 * specs anything runs, so they are never searched.
 */
function isPolicyEngineGroup(group: string): boolean {
  return group === 'kyverno.io' || group.endsWith('.kyverno.io') || group === 'gatekeeper.sh' || group.endsWith('.gatekeeper.sh');
}

/**
 * A pod spec none of whose containers has an `image` field is a fragment, not something that runs: the API
 * server rejects a container without an image, so it is a Kustomize strategic-merge patch (the
 * overlay merges it into a base that has the images; scan the overlay to see the result) or a custom
 * resource's container overrides that its operator merges into containers of its own (the
 * Prometheus and Alertmanager CRs). Checks would report what the fragment leaves out as missing.
 */
function isFragment(spec: JsonObject): boolean {
  const containers = spec.containers;
  // Only a clean absence counts: a malformed image (a number, "") is bad input, still reported on.
  return Array.isArray(containers) && containers.length > 0 && containers.every((c) => isRecord(c) && !Object.prototype.hasOwnProperty.call(c, 'image'));
}

/** Limits for the search in custom resources: deep enough for operators' nesting, bounded for huge objects. */
const SEARCH_MAX_DEPTH = 10;
const SEARCH_MAX_NODES = 5000;

function looksLikePodSpec(v: JsonObject): boolean {
  const containers = v.containers;
  return Array.isArray(containers) && containers.some((c) => isRecord(c) && (typeof c.image === 'string' || typeof c.name === 'string'));
}

function ref(object: K8sObject, spec: JsonObject, segments: string[]): PodSpecRef {
  // The pod metadata sits beside the spec: template.metadata, or the Pod's own metadata.
  const parentSegs = segments.slice(0, -1);
  let parent: unknown = object.raw;
  for (const s of parentSegs) parent = asRecord(parent)?.[s];
  const metadata = asRecord(asRecord(parent)?.metadata) ?? {};
  return { object, spec, path: joinPointer('', ...segments), metadata, metadataPath: joinPointer('', ...parentSegs, 'metadata') };
}

/**
 * Every pod spec an object carries: the built-in workload kinds by their fixed paths, and any
 * custom resource (Argo Rollout, Knative Service, Kubeflow jobs, JobSet, ...) by a bounded search
 * under `spec`, through maps and lists of maps, for maps that hold a `containers` list of
 * containers. A pod spec found is not searched further (no pod specs inside pod specs).
 */
export function podSpecsOf(object: K8sObject): PodSpecRef[] {
  const group = apiGroup(object.apiVersion);
  const builtin = BUILTIN_POD_SPEC_PATHS[object.kind];
  if (builtin && WORKLOAD_GROUPS.has(group)) {
    let parent: unknown = object.raw;
    for (let i = 0; i < builtin.length - 1; i++) parent = asRecord(parent)?.[builtin[i]!];
    const spec = asRecord(parent)?.spec;
    if (!isRecord(spec) || isFragment(spec)) return [];
    const paths = BUILTIN_POINTERS[object.kind]!;
    return [{ object, spec, path: paths.spec, metadata: asRecord(asRecord(parent)!.metadata) ?? {}, metadataPath: paths.metadata }];
  }
  if (BUILTIN_GROUPS.has(group) || isPolicyEngineGroup(group) || !isRecord(object.raw.spec)) return [];
  const found: PodSpecRef[] = [];
  let visited = 0;
  const walk = (node: JsonObject, segs: string[]): void => {
    if (++visited > SEARCH_MAX_NODES || segs.length > SEARCH_MAX_DEPTH) return;
    if (looksLikePodSpec(node)) {
      if (!isFragment(node)) found.push(ref(object, node, segs));
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'metadata' || k === 'status') continue;
      if (isRecord(v)) walk(v, [...segs, k]);
      else if (Array.isArray(v)) {
        // Lists of templates (JobSet replicatedJobs, ...): each map item is searched too.
        for (let i = 0; i < v.length && visited <= SEARCH_MAX_NODES; i++) {
          const item = v[i];
          if (isRecord(item)) walk(item, [...segs, k, String(i)]);
        }
      }
    }
  };
  walk(object.raw.spec, ['spec']);
  return found;
}
