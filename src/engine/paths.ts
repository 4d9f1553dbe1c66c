/**
 * Attack paths as a library call: read the inputs, run every manifest check (and, with `images`, read the images
 * and match their packages against the advisory database), then join exposure, escapes, RBAC, NetworkPolicy
 * reachability and vulnerabilities into ranked paths and fixes (analysis/paths). The paths rest on every finding,
 * before exceptions: an accepted risk is still a way in.
 */
import { attackPaths, type AttackPathOptions } from '../analysis/paths/attack-paths.js';
import { CHECKS } from '../checks/index.js';
import { isImageRule } from '../checks/define.js';
import { parsePssSetting } from '../frameworks/pss-policy.js';
import { ENTRY_KINDS, JEWEL_KINDS, type AttackPath, type AttackPathsResult, type EntryKind, type JewelKind } from '../model/attack-path.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import { RequestError } from './errors.js';
import { pathWeights } from './path-weights.js';
import { loadInventory, problemWarnings } from './load-inventory.js';
import type { ImagesRequest, InputRequest, PolicyRequest } from './request.js';
import { analyseInventory } from './scan.js';
import { prepareWorkloadImages, scanWorkloadImages } from './workload-images.js';

export type { AttackPath, AttackPathsResult, EntryKind, JewelKind } from '../model/attack-path.js';
export { DEFAULT_WEIGHTS, resolveWeights } from '../analysis/paths/weights.js';
export { pathWeights } from './path-weights.js';

export interface PathsRequest extends InputRequest, Pick<PolicyRequest, 'checkOptions'> {
  /** Pod Security level and version the checks judge by (as `scan --pss`). */
  pss?: string;
  images?: ImagesRequest;
  /** `NAME=VALUE` weight overrides (docs/paths.md). */
  weights?: readonly string[];
  from?: string;
  to?: string;
}


function pathOptions(request: Pick<PathsRequest, 'weights' | 'from' | 'to'>): AttackPathOptions {
  const o: AttackPathOptions = { weights: pathWeights(request.weights) };
  if (request.from !== undefined) {
    if (!(ENTRY_KINDS as readonly string[]).includes(request.from)) throw new RequestError(`--from must be one of ${ENTRY_KINDS.join(', ')} (got "${request.from}")`);
    o.from = request.from as EntryKind;
  }
  if (request.to !== undefined) {
    if (!(JEWEL_KINDS as readonly string[]).includes(request.to)) throw new RequestError(`--to must be one of ${JEWEL_KINDS.join(', ')} (got "${request.to}")`);
    o.to = request.to as JewelKind;
  }
  return o;
}

/** The paths over an inventory and its findings (pure). */
export function pathsOf(inventory: Inventory, findings: readonly Finding[], request: Pick<PathsRequest, 'weights' | 'from' | 'to'> = {}): AttackPathsResult {
  return attackPaths(inventory, findings, pathOptions(request));
}

export async function findAttackPaths(request: PathsRequest): Promise<{ result: AttackPathsResult; warnings: string[]; objects: number }> {
  const options = pathOptions(request);
  const pss = parsePssSetting(request.pss ?? 'latest');
  if ('error' in pss) throw new RequestError(pss.error);
  const imageOpts = request.images ? prepareWorkloadImages(request.images) : undefined;
  const loaded = await loadInventory(request);
  const checks = CHECKS.filter((c) => c.subject !== 'dockerfile' && !isImageRule(c));
  const { inventory, findings } = analyseInventory(loaded.inventory, { problems: loaded.problems, checks, pss, ...(request.checkOptions ? { checkOptions: request.checkOptions } : {}) });
  const images = imageOpts ? await scanWorkloadImages(inventory, imageOpts) : undefined;
  if (images) findings.push(...images.findings);
  return {
    result: attackPaths(inventory, findings, options),
    warnings: [...loaded.warnings, ...problemWarnings(loaded.problems), ...(images?.warnings ?? [])],
    objects: inventory.objects.length,
  };
}
