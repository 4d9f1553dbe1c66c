import type { Inventory } from '../../model/inventory.js';
import { apiGroup, effectiveNamespace } from '../../model/kinds.js';
import { asString, type K8sObject } from '../../model/object.js';
import { pointerSegment } from '../../model/position.js';
import type { PodSpecRef } from '../../model/pod-specs.js';
import type { CheckOptions } from '../define.js';

export const ISTIO_SECURITY = 'security.istio.io';
export const ISTIO_NETWORKING = 'networking.istio.io';

export function isIstio(o: K8sObject, group: string): boolean {
  return apiGroup(o.apiVersion) === group;
}

/** Istio's root namespace (meshConfig.rootNamespace): `checkOptions.<id>.rootNamespace`, default istio-system. */
export function rootNamespace(options: CheckOptions): string {
  return asString(options.rootNamespace) ?? 'istio-system';
}

export interface NamespaceMesh {
  namespace: K8sObject;
  /** Pointer of the label or annotation that turns injection on. */
  path: string;
  /** What it says, for messages: `istio-injection=enabled`, `istio.io/rev=canary`. */
  reason: string;
}

const labelPath = (k: string) => `/metadata/labels/${pointerSegment(k)}`;
const annotationPath = (k: string) => `/metadata/annotations/${pointerSegment(k)}`;

/**
 * Istio sidecar injection for a namespace, as the injector's namespace selectors decide it:
 * `istio-injection=enabled`, or an `istio.io/rev` label when `istio-injection` is absent
 * (`istio-injection=disabled` wins over a revision label). Undefined when the namespace is not
 * in the inventory or not injected.
 */
export function istioInjectedNamespace(inventory: Inventory, name: string): NamespaceMesh | undefined {
  const ns = inventory.get('Namespace', undefined, name);
  if (!ns) return undefined;
  const inj = ns.labels['istio-injection'];
  if (inj === 'enabled') return { namespace: ns, path: labelPath('istio-injection'), reason: 'istio-injection=enabled' };
  if (inj !== undefined) return undefined;
  const rev = ns.labels['istio.io/rev'];
  if (rev !== undefined) return { namespace: ns, path: labelPath('istio.io/rev'), reason: `istio.io/rev=${rev}` };
  return undefined;
}

/** Every Namespace object with Istio sidecar injection on. */
export function istioInjectedNamespaces(inventory: Inventory): NamespaceMesh[] {
  return inventory.byKind('Namespace').flatMap((ns) => istioInjectedNamespace(inventory, ns.name) ?? []);
}

/** Linkerd proxy injection for a namespace: the `linkerd.io/inject: enabled` annotation (or `ingress`). */
export function linkerdInjectedNamespace(inventory: Inventory, name: string): NamespaceMesh | undefined {
  const ns = inventory.get('Namespace', undefined, name);
  const v = ns?.annotations['linkerd.io/inject'];
  if (!ns || (v !== 'enabled' && v !== 'ingress')) return undefined;
  return { namespace: ns, path: annotationPath('linkerd.io/inject'), reason: `linkerd.io/inject: ${v}` };
}

/** The namespace a pod spec's pods land in. */
export function podNamespace(pod: PodSpecRef): string {
  return effectiveNamespace(pod.object) ?? 'default';
}

/** A pod template's label or annotation, with its pointer. */
export function podMeta(pod: PodSpecRef, kind: 'labels' | 'annotations', key: string): { value: string; path: string } | undefined {
  const m = pod.metadata[kind];
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return undefined;
  const v = (m as Record<string, unknown>)[key];
  const value = typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : undefined;
  return value === undefined ? undefined : { value, path: `${pod.metadataPath}/${kind}/${pointerSegment(key)}` };
}
