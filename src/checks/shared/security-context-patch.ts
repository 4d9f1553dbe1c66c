import type { PatchOp } from '../define.js';
import type { ContainerRef } from '../../model/containers.js';
import { isRecord, type JsonObject } from '../../model/object.js';
import type { PodSpecRef } from '../../model/pod-specs.js';

/**
 * Patch operations that set `securityContext.<field>` in the map at `ownerPath` (a container or a
 * pod spec). RFC 6902 `add` needs the parent to exist, so a missing (or malformed, non-map)
 * securityContext is created first.
 */
function setSecurityField(owner: JsonObject, ownerPath: string, field: string, value: unknown): PatchOp[] {
  const sc = owner.securityContext;
  const scPath = `${ownerPath}/securityContext`;
  if (!isRecord(sc)) return [{ op: 'add', path: scPath, value: {} }, { op: 'add', path: `${scPath}/${field}`, value }];
  const exists = Object.prototype.hasOwnProperty.call(sc, field);
  return [{ op: exists ? 'replace' : 'add', path: `${scPath}/${field}`, value }];
}

/** Set a field of the container's own securityContext. */
export function setContainerSecurityField(c: ContainerRef, field: string, value: unknown): PatchOp[] {
  return setSecurityField(c.container, c.path, field, value);
}

/** Set a field of the pod-level securityContext. */
export function setPodSecurityField(pod: PodSpecRef, field: string, value: unknown): PatchOp[] {
  return setSecurityField(pod.spec, pod.path, field, value);
}
