import { Inventory } from '../model/inventory.js';
import type { K8sObject } from '../model/object.js';
import type { LoadProblem } from '../model/problem.js';
import { readInputs } from '../sources/read-inputs.js';
import { RequestError } from './errors.js';
import type { InputRequest } from './request.js';

export interface LoadedInventory {
  inventory: Inventory;
  /** What could not be read or parsed, with its location (reported as invalid-manifest findings by scan). */
  problems: LoadProblem[];
  /** Inputs read: files, streams, rendered charts and kustomizations. */
  files: number;
  /** Files found walking a tree with nothing Kubernetes in them (CI workflows, package.json, values files): not findings. */
  skipped: number;
  warnings: string[];
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
  if (request.paths.length === 0) throw new RequestError('needs at least one path (a file, a directory, a Helm chart, a Kustomize dir, or - for stdin)');
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
  return { inventory: inventoryOf(read.loaded.objects), problems: read.loaded.problems, files: read.files, skipped: read.skipped, warnings: read.warnings };
}

/** Load problems as warning lines, for analyses that answer from what could be read (rbac, netpol, sbom). */
export function problemWarnings(problems: readonly LoadProblem[]): string[] {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
}
