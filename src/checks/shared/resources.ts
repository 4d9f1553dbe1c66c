import type { CheckOptions, PatchOp } from '../define.js';
import type { ContainerRef } from '../../model/containers.js';
import { asRecord, isRecord } from '../../model/object.js';

export type ResourceName = 'cpu' | 'memory' | 'ephemeral-storage';
export type ResourceSection = 'requests' | 'limits';

/** A quantity that is set: a non-empty string or a number (`cpu: 1`). */
export function isQuantity(v: unknown): boolean {
  return (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));
}

/** The container's own `resources.<section>.<name>`, else the pod-level one (pod resources, Kubernetes 1.32+). */
export function resourceValue(c: ContainerRef, section: ResourceSection, name: ResourceName): unknown {
  const own = asRecord(asRecord(c.container.resources)?.[section])?.[name];
  if (isQuantity(own)) return own;
  const pod = asRecord(asRecord(c.pod.spec.resources)?.[section])?.[name];
  return isQuantity(pod) ? pod : undefined;
}

/**
 * Whether a request is in effect: set, or defaulted by the API server from a limit of the same
 * container (a container with a limit and no request gets request = limit).
 */
export function hasRequest(c: ContainerRef, name: ResourceName): boolean {
  if (resourceValue(c, 'requests', name) !== undefined) return true;
  return isQuantity(asRecord(asRecord(c.container.resources)?.limits)?.[name]);
}

/** Built-in values the fixes use when `checkOptions.<id>.defaults` names none. */
export const BUILTIN_DEFAULTS: Record<ResourceSection, Record<ResourceName, string>> = {
  requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '100Mi' },
  limits: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' },
};

/** `checkOptions.<id>.defaults.<section>.<name>` when it is a quantity, else the built-in default. */
export function defaultQuantity(options: CheckOptions, section: ResourceSection, name: ResourceName): string | number {
  const v = asRecord(asRecord(options.defaults)?.[section])?.[name];
  return typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? v : BUILTIN_DEFAULTS[section][name];
}

/** Patch ops that set `resources.<section>.<name>` on the container, creating missing maps (and replacing non-maps). */
export function setResource(c: ContainerRef, section: ResourceSection, values: Partial<Record<ResourceName, unknown>>): PatchOp[] {
  const resources = c.container.resources;
  const rPath = `${c.path}/resources`;
  const sPath = `${rPath}/${section}`;
  if (!isRecord(resources)) return [{ op: 'add', path: rPath, value: { [section]: values } }];
  const current = resources[section];
  // RFC 6902 add also replaces an existing member (a null or malformed section).
  if (!isRecord(current)) return [{ op: 'add', path: sPath, value: values }];
  return Object.entries(values).map(([k, v]) => ({ op: Object.prototype.hasOwnProperty.call(current, k) ? ('replace' as const) : ('add' as const), path: `${sPath}/${k}`, value: v }));
}

/** The resources a check requires, from `checkOptions.<id>.resources` (a subset of `all`), else `all`. */
export function requiredResources(options: CheckOptions, all: readonly ResourceName[]): ResourceName[] {
  const raw = options.resources;
  const v = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(v)) return [...all];
  return all.filter((r) => v.includes(r));
}
