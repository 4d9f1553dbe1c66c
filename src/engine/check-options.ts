import type { CheckOptions } from '../checks/define.js';
import type { PolicyRequest } from './request.js';

/**
 * The checks' settings for a request: `checkOptions` (from `.kubeward.yaml`), with the check settings that are
 * declared options of their own (`deniedRegistries`, `floatingTags`: a flag, an environment variable and a
 * top-level config key, src/engine/options.ts) put in their checks' entries, where they win.
 */
export function requestCheckOptions(request: PolicyRequest): Record<string, CheckOptions> | undefined {
  const declared: [string, string, string[] | undefined][] = [
    ['image-registry-denied', 'deniedRegistries', request.deniedRegistries],
    ['image-tag-latest', 'floatingTags', request.floatingTags],
    ['image-not-pinned-by-digest', 'floatingTags', request.floatingTags],
  ];
  if (declared.every(([, , v]) => v === undefined)) return request.checkOptions;
  const out: Record<string, CheckOptions> = { ...request.checkOptions };
  for (const [check, key, value] of declared) if (value !== undefined) out[check] = { ...out[check], [key]: value };
  return out;
}
