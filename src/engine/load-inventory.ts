import { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';
import { readInputs } from '../sources/read-inputs.js';
import { ClusterError, collectCluster, KubeconfigError, resolveConnection, type NotCollected } from '../sources/cluster/index.js';
import { NodeRootError, readNode } from '../sources/node/index.js';
import { RequestError } from './errors.js';
import type { ClusterRequest, InputRequest } from './request.js';

export interface LoadedInventory {
  inventory: Inventory;
  /** What could not be read or parsed, with its location (reported as invalid-manifest findings by scan). */
  problems: LoadProblem[];
  /** Inputs read: files, streams, rendered charts and kustomizations. */
  files: number;
  /** Files found walking a tree with nothing Kubernetes in them (CI workflows, package.json, values files): not findings. */
  skipped: number;
  warnings: string[];
  /** With a cluster: its context and the resources the credentials could not list. */
  cluster?: { context: string; server: string; notCollected: NotCollected[] };
}

/** Build an inventory from already-read objects (ids assigned in place, no copy). */
export function inventoryOf(objects: readonly Omit<K8sObject, 'id'>[]): Inventory {
  const list = objects as K8sObject[];
  for (let i = 0; i < list.length; i++) list[i]!.id = i;
  return new Inventory(list);
}

/**
 * Every source a request names (files, directories, stdin, Helm charts, Kustomize roots) read into one indexed
 * inventory. A broken manifest is a problem with a location; an input named that cannot be read or rendered at
 * all (a missing path, no helm, chart dependencies missing, a kustomize build error) throws RequestError, so no
 * command (scan, rbac, netpol, sbom) answers as if it were empty.
 */
export async function loadInventory(request: InputRequest): Promise<LoadedInventory> {
  if (request.node) return loadNode(request.node.root, request);
  if (request.paths.length === 0 && !request.cluster) throw new RequestError('needs at least one path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)');
  const live = request.cluster ? await readCluster(request.cluster, request.env) : undefined;
  if (request.paths.length === 0 && live) {
    return { inventory: inventoryOf(live.objects), problems: [], files: 0, skipped: 0, warnings: live.warnings, cluster: live.cluster };
  }
  const h = request.helm ?? {};
  const read = await readInputs(request.paths, {
    helm: {
      releaseName: h.releaseName ?? 'release-name',
      ...(h.namespace ? { namespace: h.namespace } : {}),
      ...(h.values?.length ? { values: h.values } : {}),
      ...(h.set?.length ? { set: h.set } : {}),
    },
    ...(request.stdin ? { stdin: request.stdin } : {}),
    ...(request.env ? { env: request.env } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  if (read.errors.length) throw new RequestError(read.errors.join('\n'));
  const objects = live ? [...read.loaded.objects, ...live.objects] : read.loaded.objects;
  return {
    inventory: inventoryOf(objects), problems: read.loaded.problems, files: read.files, skipped: read.skipped,
    warnings: [...read.warnings, ...(live?.warnings ?? [])],
    ...(live ? { cluster: live.cluster } : {}),
  };
}

/** A node read through its root directory (kubeward node); files named besides are read too. */
async function loadNode(root: string, request: InputRequest): Promise<LoadedInventory> {
  let node;
  try {
    node = await readNode(root);
  } catch (e) {
    if (e instanceof NodeRootError) throw new RequestError(e.message);
    throw e;
  }
  // Nothing to judge is not a pass: a node check that found no kubelet or component fails (unless files were named).
  if (node.nothingFound && request.paths.length === 0) throw new RequestError(`${node.nothingFound}: nothing to judge; run kubeward node on a Kubernetes node, or point --root at a node's root file system (e.g. the host's / mounted at /host)`);
  const files = request.paths.length ? await loadInventory({ ...request, node: undefined } as InputRequest) : undefined;
  const objects = [...node.objects, ...(files?.inventory.objects ?? [])];
  return {
    inventory: inventoryOf(objects), problems: [...node.problems, ...(files?.problems ?? [])], files: node.files + (files?.files ?? 0),
    skipped: files?.skipped ?? 0, warnings: [...node.warnings, ...(files?.warnings ?? [])],
  };
}

/** The live cluster's objects; a cluster that cannot be reached or configured is a RequestError. */
async function readCluster(c: ClusterRequest, env: NodeJS.ProcessEnv | undefined) {
  try {
    const conn = resolveConnection({ ...(c.kubeconfig ? { kubeconfig: c.kubeconfig } : {}), ...(c.context ? { context: c.context } : {}), env: env ?? process.env });
    const got = await collectCluster(conn, {
      ...(c.namespaces?.length ? { namespaces: c.namespaces } : {}),
      ...(c.excludeNamespaces?.length ? { excludeNamespaces: c.excludeNamespaces } : {}),
      ...(c.includeSecretValues ? { includeSecretValues: true } : {}),
      ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}),
    });
    return { objects: got.objects, warnings: got.warnings, cluster: { context: conn.context, server: conn.server, notCollected: got.notCollected } };
  } catch (e) {
    if (e instanceof KubeconfigError || e instanceof ClusterError) throw new RequestError(`cluster: ${e.message}`);
    throw e;
  }
}

/** Load problems as warning lines, for analyses that answer from what could be read (rbac, netpol, sbom). */
export function problemWarnings(problems: readonly LoadProblem[]): string[] {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
}
