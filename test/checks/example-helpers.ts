import type { Check, CheckOptions, Example, ImageExample, ImageUseExample } from '../../src/checks/define.js';
import { imageUses } from '../../src/analysis/image/workload-images.js';
import { imageFindings, runImageRules } from '../../src/engine/run-image-rules.js';
import { runChecks } from '../../src/engine/run-checks.js';
import type { Finding } from '../../src/model/finding.js';
import { Inventory } from '../../src/model/inventory.js';
import { isRecord, type K8sObject } from '../../src/model/object.js';
import { splitPointer } from '../../src/model/position.js';
import { loadText, withIds } from '../../src/sources/manifests.js';
import { runDockerfileChecks } from '../../src/engine/run-dockerfile-checks.js';
import type { Dockerfile } from '../../src/model/dockerfile.js';
import { parseDockerfile } from '../../src/sources/dockerfile/parse.js';

/** Parse a Dockerfile text and run Dockerfile checks over it, as `kubeward dockerfile scan` would. */
export function scanDockerfile(checks: readonly Check[], text: string, file = 'Dockerfile'): { findings: Finding[]; dockerfile: Dockerfile } {
  const dockerfile = parseDockerfile(text, file);
  return { findings: runDockerfileChecks(checks, [dockerfile]), dockerfile };
}

/** The example's text: the manifest, Dockerfile, or (image-use rules) the workload manifest; '' for an image example. */
export function exampleText(e: Example): string {
  return typeof e === 'string' ? e : 'yaml' in e ? e.yaml : '';
}

/** How many findings of its check a failing example states (default 1). */
export function expectedFindings(e: Example): number {
  return typeof e === 'string' ? 1 : (e.findings ?? 1);
}

/** Where the example says its first finding is (only what it states). */
export function expectedPlace(e: Example): { path?: string; line?: number; column?: number } {
  if (typeof e === 'string') return {};
  const out: { path?: string; line?: number; column?: number } = {};
  if (e.path !== undefined) out.path = e.path;
  if (e.line !== undefined) out.line = e.line;
  if (e.column !== undefined) out.column = e.column;
  return out;
}

/** The reference image examples are named by. */
export const EXAMPLE_IMAGE = 'registry.example.com/team/app:1.0';

/** Run image rules over an image example, as `kubeward image scan` would. */
export function scanImageExample(checks: readonly Check[], e: ImageExample): Finding[] {
  return runImageRules(checks, { reference: EXAMPLE_IMAGE, config: {}, suidFiles: [], ...e.image }, e.options ? { checkOptions: Object.fromEntries(checks.map((c) => [c.id, e.options!])) } : {});
}

/** Run image-use rules over an image-use example: every container image field of its manifest, with its outcome. */
export function scanImageUseExample(checks: readonly Check[], e: ImageUseExample, file = 'example.yaml'): { findings: Finding[]; objects: K8sObject[] } {
  const { objects, problems } = loadText(e.yaml, file);
  if (problems.length) throw new Error(`the example does not load: ${problems.map((p) => p.message).join('; ')}`);
  const withId = withIds(objects);
  const uses = imageUses(new Inventory(withId));
  return { findings: imageFindings(checks, { reference: EXAMPLE_IMAGE, ...e.outcome }, uses), objects: withId };
}

/** The check options an example runs with ({} unless it names some). */
export function exampleOptions(e: Example): CheckOptions {
  return typeof e === 'string' ? {} : (e.options ?? {});
}

/** Load a YAML text and run checks over it, as a scan would. */
export function scan(checks: readonly Check[], text: string, file = 'example.yaml', options?: CheckOptions): { findings: Finding[]; objects: K8sObject[] } {
  const { objects, problems } = loadText(text, file);
  const withId = withIds(objects);
  const checkOptions = options ? Object.fromEntries(checks.map((c) => [c.id, options])) : undefined;
  return { findings: runChecks(checks, new Inventory(withId), problems, checkOptions ? { checkOptions } : {}), objects: withId };
}

/**
 * The text the source line of a finding must contain: the last key of the deepest part of its path
 * that exists in the object (a missing field is located at its nearest existing ancestor), or for
 * a sequence item, the item itself (a scalar's value, a map's first key).
 */
export function expectedLineText(raw: unknown, path: string): string | undefined {
  let node: unknown = raw;
  let token: string | undefined;
  for (const seg of splitPointer(path)) {
    if (Array.isArray(node)) {
      const item = node[Number(seg)];
      if (item === undefined) break;
      token = isRecord(item) ? Object.keys(item)[0] : String(item);
      node = item;
    } else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, seg)) {
      token = seg;
      node = node[seg];
    } else break;
  }
  return token;
}
