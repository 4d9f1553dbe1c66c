/**
 * Gateway API (gateway.networking.k8s.io) routes attached to Gateways, and the Services they send traffic to.
 *
 * Attachment follows the spec: a route's parentRef (kind Gateway by default, the route's namespace by
 * default) attaches to the Gateway's listeners that its sectionName/port name, whose protocol carries the
 * route's kind (HTTPRoute and GRPCRoute: HTTP, HTTPS; TLSRoute: TLS; TCPRoute: TCP; UDPRoute: UDP) and whose
 * allowedRoutes admit it (namespaces from Same (default), All or Selector; kinds when listed). A backendRef
 * in another namespace counts only with a ReferenceGrant in that namespace allowing it.
 *
 * Exposure decision: every Gateway is treated as an exposure point, as an Ingress is (its addresses are
 * usually a public load balancer; whether one is internal depends on the implementation and its class, which
 * manifests do not say reliably). A parentRef to a Gateway that is not in the input is assumed attached: the
 * Gateway is managed elsewhere (a platform team's shared gateway), and the route still exposes its backends.
 */
import type { Inventory } from '../../model/inventory.js';
import { matchesSelector } from '../../model/inventory.js';
import { apiGroup } from '../../model/kinds.js';
import { asArray, asRecord, type K8sObject } from '../../model/object.js';
import { readSelector } from './policies.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;

const PROTOCOLS_OF: Record<string, string[]> = {
  HTTPRoute: ['HTTP', 'HTTPS'],
  GRPCRoute: ['HTTP', 'HTTPS'],
  TLSRoute: ['TLS'],
  TCPRoute: ['TCP'],
  UDPRoute: ['UDP'],
};

export interface RouteBackend {
  namespace: string;
  name: string;
  /** JSON pointer of the backendRef in the route. */
  path: string;
}

export interface Attachment {
  /** The Gateway; undefined when it is not in the input (assumed to exist and accept the route). */
  gateway?: K8sObject;
  gatewayName: string;
  /** Indexes of the Gateway's listeners the route attaches to (empty when the Gateway is not in the input). */
  listeners: number[];
}

export interface AttachedRoute {
  route: K8sObject;
  attachments: Attachment[];
  backends: RouteBackend[];
}

export function isGatewayApi(o: K8sObject): boolean {
  return apiGroup(o.apiVersion) === GATEWAY_GROUP;
}

function nsLabels(inventory: Inventory, ns: string): Record<string, string> {
  const o = inventory.get('Namespace', undefined, ns);
  return { ...(o?.labels ?? {}), 'kubernetes.io/metadata.name': ns };
}

function listenerAdmits(inventory: Inventory, gw: K8sObject, listener: Record<string, unknown>, route: K8sObject, routeNs: string): boolean {
  const protocol = typeof listener.protocol === 'string' ? listener.protocol : '';
  const allowed = asRecord(listener.allowedRoutes) ?? {};
  const kinds = asArray(allowed.kinds).map(asRecord).filter((k) => k !== undefined);
  if (kinds.length) {
    if (!kinds.some((k) => k.kind === route.kind && (k.group === undefined || k.group === GATEWAY_GROUP))) return false;
  } else if (!(PROTOCOLS_OF[route.kind] ?? []).includes(protocol)) return false;
  const ns = asRecord(allowed.namespaces) ?? {};
  const from = typeof ns.from === 'string' ? ns.from : 'Same';
  const gwNs = gw.namespace ?? 'default';
  if (from === 'All') return true;
  if (from === 'Same') return routeNs === gwNs;
  if (from === 'Selector') {
    const sel = readSelector(ns.selector, '', []);
    return sel !== undefined && matchesSelector(nsLabels(inventory, routeNs), sel);
  }
  return false;
}

/** True when a ReferenceGrant in the target namespace lets routes of this kind and namespace name the Service. */
function granted(inventory: Inventory, route: K8sObject, routeNs: string, targetNs: string, name: string): boolean {
  return inventory.byKind('ReferenceGrant').some((g) => {
    if (!isGatewayApi(g) || (g.namespace ?? 'default') !== targetNs) return false;
    const spec = asRecord(g.raw.spec) ?? {};
    const fromOk = asArray(spec.from).map(asRecord).some((f) => f?.group === GATEWAY_GROUP && f.kind === route.kind && f.namespace === routeNs);
    const toOk = asArray(spec.to).map(asRecord).some((t) => (t?.group ?? '') === '' && t?.kind === 'Service' && (t.name === undefined || t.name === name));
    return fromOk && toOk;
  });
}

function backendsOf(inventory: Inventory, route: K8sObject, routeNs: string): RouteBackend[] {
  const out: RouteBackend[] = [];
  asArray(asRecord(route.raw.spec)?.rules).forEach((rule, i) => {
    asArray(asRecord(rule)?.backendRefs).forEach((b, j) => {
      const r = asRecord(b);
      if (!r || typeof r.name !== 'string') return;
      if ((r.group ?? '') !== '' || (r.kind ?? 'Service') !== 'Service') return;
      const namespace = typeof r.namespace === 'string' ? r.namespace : routeNs;
      if (namespace !== routeNs && !granted(inventory, route, routeNs, namespace, r.name)) return;
      out.push({ namespace, name: r.name, path: `/spec/rules/${i}/backendRefs/${j}` });
    });
  });
  return out;
}

/** Every Gateway API route of the input with the Gateways (and listeners) it attaches to; routes attached to none are left out. */
export function attachedRoutes(inventory: Inventory): AttachedRoute[] {
  const out: AttachedRoute[] = [];
  for (const kind of ROUTE_KINDS) {
    for (const route of inventory.byKind(kind)) {
      if (!isGatewayApi(route)) continue;
      const routeNs = route.namespace ?? 'default';
      const attachments: Attachment[] = [];
      for (const pr of asArray(asRecord(route.raw.spec)?.parentRefs)) {
        const ref = asRecord(pr);
        if (!ref || typeof ref.name !== 'string') continue;
        if ((ref.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (ref.kind ?? 'Gateway') !== 'Gateway') continue;
        const gwNs = typeof ref.namespace === 'string' ? ref.namespace : routeNs;
        const gw = inventory.get('Gateway', gwNs, ref.name);
        if (!gw || !isGatewayApi(gw)) {
          attachments.push({ gatewayName: `${gwNs}/${ref.name}`, listeners: [] });
          continue;
        }
        const listeners: number[] = [];
        asArray(asRecord(gw.raw.spec)?.listeners).forEach((l, i) => {
          const listener = asRecord(l);
          if (!listener) return;
          if (typeof ref.sectionName === 'string' && listener.name !== ref.sectionName) return;
          if (typeof ref.port === 'number' && listener.port !== ref.port) return;
          if (listenerAdmits(inventory, gw, listener, route, routeNs)) listeners.push(i);
        });
        if (listeners.length) attachments.push({ gateway: gw, gatewayName: `${gwNs}/${ref.name}`, listeners });
      }
      if (attachments.length) out.push({ route, attachments, backends: backendsOf(inventory, route, routeNs) });
    }
  }
  return out;
}
