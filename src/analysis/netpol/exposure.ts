/** Services reachable from outside the cluster: LoadBalancer, NodePort, externalIPs, an Ingress backend, or a Gateway API route's backend. */
import type { Inventory } from '../../model/inventory.js';
import { apiGroup } from '../../model/kinds.js';
import { asArray, asRecord, type K8sObject } from '../../model/object.js';
import { attachedRoutes } from './gateway-routes.js';

export interface Exposure {
  service: K8sObject;
  /** Why it is exposed, and the field that says so (a pointer inside the Service). */
  how: string;
  path: string;
}

/** Service names an Ingress sends traffic to (rules' paths and the default backend). */
function ingressBackends(ing: K8sObject): string[] {
  const spec = asRecord(ing.raw.spec) ?? {};
  const names: string[] = [];
  const add = (b: unknown) => {
    const r = asRecord(b);
    const name = asRecord(r?.service)?.name ?? r?.serviceName;
    if (typeof name === 'string') names.push(name);
  };
  add(spec.defaultBackend ?? spec.backend);
  for (const rule of asArray(spec.rules)) for (const p of asArray(asRecord(asRecord(rule)?.http)?.paths)) add(asRecord(p)?.backend);
  return names;
}

export function exposedServices(inventory: Inventory): Exposure[] {
  const byIngress = new Map<string, string>();
  for (const ing of inventory.byKind('Ingress')) {
    const g = apiGroup(ing.apiVersion);
    if (g !== 'networking.k8s.io' && g !== 'extensions') continue;
    const ns = ing.namespace ?? 'default';
    for (const name of ingressBackends(ing)) if (!byIngress.has(`${ns}/${name}`)) byIngress.set(`${ns}/${name}`, `Ingress ${ing.name}`);
  }
  // Gateway API routes expose their backends as an Ingress does (every Gateway counts as an exposure point: gateway-routes.ts).
  for (const r of attachedRoutes(inventory)) {
    const via = r.attachments.map((a) => `Gateway ${a.gatewayName}`).join(', ');
    for (const b of r.backends) {
      const key = `${b.namespace}/${b.name}`;
      if (!byIngress.has(key)) byIngress.set(key, `${r.route.kind} ${r.route.namespace ?? 'default'}/${r.route.name} (${via})`);
    }
  }
  const out: Exposure[] = [];
  for (const svc of inventory.byKind('Service')) {
    const spec = asRecord(svc.raw.spec) ?? {};
    const ingress = byIngress.get(`${svc.namespace ?? 'default'}/${svc.name}`);
    if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') out.push({ service: svc, how: `type ${spec.type}`, path: '/spec/type' });
    else if (asArray(spec.externalIPs).length) out.push({ service: svc, how: 'externalIPs', path: '/spec/externalIPs' });
    else if (ingress) out.push({ service: svc, how: `the backend of ${ingress}`, path: '/metadata/name' });
  }
  return out;
}
