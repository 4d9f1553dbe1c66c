import { createHash } from 'node:crypto';
import type { ObjectRef } from './finding.js';
import { apiGroup } from './kinds.js';

/**
 * A finding's identity across runs: the check, the object (group, kind, namespace, name) and the
 * field path. Line numbers and file names are left out so moving or reformatting a manifest keeps
 * the fingerprint; findings without an object fall back to file and document.
 */
export function fingerprint(checkId: string, object: ObjectRef | undefined, path: string, fallback?: string): string {
  const identity = object
    ? [apiGroup(object.apiVersion), object.kind, object.namespace ?? '', object.name].join('\u0000')
    : (fallback ?? '');
  return createHash('sha256').update(`${checkId}\u0001${identity}\u0001${path}`).digest('hex').slice(0, 32);
}
