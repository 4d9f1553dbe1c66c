import { attachedRoutes } from '../../analysis/netpol/gateway-routes.js';
import { asArray, asRecord, type K8sObject } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';

export default defineCheck({
  id: 'gateway-listener-without-tls',
  title: 'Gateway listener serves plain HTTP to backends',
  severity: 'medium',
  category: 'network',
  description:
    'The Gateway API counterpart of ingress-without-tls: a Gateway listener with protocol HTTP (no TLS) to which an ' +
    'HTTPRoute or GRPCRoute with backends attaches (by parentRefs, sectionName, port and the listener\'s ' +
    'allowedRoutes) serves those backends over plain HTTP: credentials, session cookies and data cross the network ' +
    'readable and modifiable by anyone on the path. A listener whose routes only redirect (no backendRefs, e.g. a ' +
    'RequestRedirect to https) is fine. A route whose Gateway is not in the input is not judged here (its ' +
    'listeners are unknown; exposed-service-open-ingress still counts it). Reported once per listener, on its protocol field.',
  remediation:
    'Serve the routes on an HTTPS listener with `tls.certificateRefs` (cert-manager can issue them), and keep on the ' +
    'HTTP listener only an HTTPRoute whose rules redirect to https (a RequestRedirect filter with scheme https).',
  frameworks: { nsa: ['network/encryption'], mitre: ['T1040', 'T1557'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const byListener = new Map<K8sObject, Map<number, string[]>>();
    for (const r of attachedRoutes(inventory)) {
      if ((r.route.kind !== 'HTTPRoute' && r.route.kind !== 'GRPCRoute') || r.backends.length === 0) continue;
      for (const a of r.attachments) {
        if (!a.gateway) continue;
        const listeners = asArray(asRecord(a.gateway.raw.spec)?.listeners);
        for (const i of a.listeners) {
          if (asRecord(listeners[i])?.protocol !== 'HTTP') continue;
          let m = byListener.get(a.gateway);
          if (!m) byListener.set(a.gateway, (m = new Map()));
          const names = m.get(i) ?? [];
          const name = `${r.route.kind} ${r.route.namespace ?? 'default'}/${r.route.name}`;
          if (!names.includes(name)) names.push(name);
          m.set(i, names);
        }
      }
    }
    const out: { object: K8sObject; issue: Issue }[] = [];
    for (const [gw, m] of byListener) {
      for (const [i, routes] of [...m].sort((x, y) => x[0] - y[0])) {
        const name = asRecord(asArray(asRecord(gw.raw.spec)?.listeners)[i])?.name;
        out.push({
          object: gw,
          issue: {
            path: `/spec/listeners/${i}/protocol`,
            message: `listener ${typeof name === 'string' ? name : `#${i}`} serves plain HTTP and routes to backends: ${routes.join(', ')}`,
            evidence: { found: 'HTTP', expected: 'HTTPS with tls.certificateRefs, or only redirects on HTTP' },
          },
        });
      }
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  gatewayClassName: istio
  listeners:
    - {name: http, protocol: HTTP, port: 80}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: edge}
spec:
  parentRefs: [{name: public}]
  hostnames: [shop.example.com]
  rules:
    - backendRefs: [{name: shop, port: 8080}]
`,
    ],
    pass: [
      `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  gatewayClassName: istio
  listeners:
    - {name: http, protocol: HTTP, port: 80}
    - {name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: shop-tls}]}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: edge}
spec:
  parentRefs: [{name: public, sectionName: https}]
  rules:
    - backendRefs: [{name: shop, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: to-https, namespace: edge}
spec:
  parentRefs: [{name: public, sectionName: http}]
  rules:
    - filters: [{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}]
`,
    ],
  },
});
