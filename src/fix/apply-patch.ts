import type { PatchOp } from '../checks/define.js';
import { splitPointer } from '../model/position.js';

/** A patch that cannot be applied: the path names nothing, or its parent does not exist. */
export class PatchError extends Error {
  constructor(message: string, readonly op: PatchOp) {
    super(message);
    this.name = 'PatchError';
  }
}

type Container = Record<string, unknown> | unknown[];

const DIGITS = /^\d+$/;

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function shallowCopy(v: Container): Container {
  return Array.isArray(v) ? v.slice() : { ...v };
}

function arrayIndex(seg: string, length: number, allowEnd: boolean, op: PatchOp): number {
  if (allowEnd && seg === '-') return length;
  if (seg === '' || (seg.length > 1 && seg.startsWith('0')) || !DIGITS.test(seg)) throw new PatchError(`bad array index "${seg}" in ${op.path}`, op);
  const i = Number(seg);
  if (i > length || (!allowEnd && i === length) || (allowEnd && i > length)) throw new PatchError(`array index ${i} out of range in ${op.path}`, op);
  return i;
}

function applyOne(doc: unknown, op: PatchOp): unknown {
  const segs = splitPointer(op.path);
  if (segs.length === 0) {
    if (op.op === 'remove') throw new PatchError('cannot remove the whole document', op);
    return op.value;
  }
  const root = isContainer(doc) ? shallowCopy(doc) : undefined;
  if (!root) throw new PatchError(`cannot apply ${op.path} to a scalar document`, op);
  // Copy every container along the path, so the input is never changed.
  let parent: Container = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    let child: unknown;
    if (Array.isArray(parent)) {
      const idx = arrayIndex(seg, parent.length, false, op);
      child = parent[idx];
      if (!isContainer(child)) throw new PatchError(`parent of ${op.path} does not exist`, op);
      parent[idx] = child = shallowCopy(child);
    } else {
      child = Object.prototype.hasOwnProperty.call(parent, seg) ? parent[seg] : undefined;
      if (!isContainer(child)) throw new PatchError(`parent of ${op.path} does not exist`, op);
      parent[seg] = child = shallowCopy(child);
    }
    parent = child as Container;
  }
  const last = segs[segs.length - 1]!;
  if (Array.isArray(parent)) {
    if (op.op === 'add') parent.splice(arrayIndex(last, parent.length, true, op), 0, op.value);
    else {
      const idx = arrayIndex(last, parent.length, false, op);
      if (op.op === 'replace') parent[idx] = op.value;
      else parent.splice(idx, 1);
    }
    return root;
  }
  const exists = Object.prototype.hasOwnProperty.call(parent, last);
  if (op.op !== 'add' && !exists) throw new PatchError(`${op.path} does not exist`, op);
  if (op.op === 'remove') delete parent[last];
  else parent[last] = op.value;
  return root;
}

/**
 * Apply RFC 6902 add / replace / remove operations in order. Pure: returns a new value and leaves
 * the input untouched (containers along each path are copied). Throws PatchError on a bad path.
 */
export function applyPatch<T>(doc: T, ops: readonly PatchOp[]): T {
  let out: unknown = doc;
  for (const op of ops) out = applyOne(out, op);
  return out as T;
}
