import type { K8sObject } from './object.js';

const TEST_HOOKS = new Set(['test', 'test-success', 'test-failure']);

/**
 * A Helm test hook: an object whose `helm.sh/hook` annotation (a comma-separated list) names `test`,
 * `test-success` (the Helm 2 name) or `test-failure`. `helm template` renders them with the release, but only
 * `helm test` ever creates them, once, after an install.
 */
export function isHelmTestHook(object: Pick<K8sObject, 'annotations'>): boolean {
  const hook = object.annotations['helm.sh/hook'];
  return hook !== undefined && hook.split(',').some((h) => TEST_HOOKS.has(h.trim().toLowerCase()));
}
