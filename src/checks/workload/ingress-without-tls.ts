import { defineCheck, type Issue } from '../define.js';
import { asArray, asRecord } from '../../model/object.js';

/** True when a TLS host entry covers the rule's host ("*.example.com" covers exactly one more label). */
function covers(tlsHost: string, host: string): boolean {
  const t = tlsHost.toLowerCase();
  const h = host.toLowerCase();
  if (t === h) return true;
  if (!t.startsWith('*.')) return false;
  const rest = h.slice(h.indexOf('.') + 1);
  return h.indexOf('.') > 0 && rest === t.slice(2);
}

/** Annotations with which cloud ingress controllers terminate TLS without `spec.tls`. */
const TLS_ANNOTATIONS = [
  'alb.ingress.kubernetes.io/certificate-arn', // AWS Load Balancer Controller
  'ingress.gcp.kubernetes.io/pre-shared-cert', // GKE
  'networking.gke.io/managed-certificates', // GKE
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate', // Azure Application Gateway
];

export default defineCheck({
  id: 'ingress-without-tls',
  title: 'Ingress serves hosts without TLS',
  severity: 'medium',
  category: 'workload',
  description:
    'An Ingress without a `tls` section serves plain HTTP: credentials, session cookies and data cross the ' +
    'network readable and modifiable by anyone on the path. With `tls`, each rule host must be listed by an entry ' +
    '(exactly or by a `*.` wildcard one label deep); a `tls` entry with no hosts covers every host, as ingress ' +
    'controllers apply it as the default certificate. Cloud controllers that take the certificate from an ' +
    'annotation instead (AWS ALB `certificate-arn`, GKE pre-shared or managed certificates, Azure Application ' +
    'Gateway) are reported as info: check that plain HTTP is redirected or closed.',
  remediation: 'Add a `spec.tls` entry listing every host with a certificate Secret (cert-manager can issue them), and redirect HTTP to HTTPS.',
  frameworks: {
    nsa: ['network/encryption'],
    mitre: ['T1040', 'T1557'],
    owasp: ['K07'],
  },
  subject: 'object',
  kinds: ['Ingress'],
  run: ({ object, at }) => {
    if (!/^(networking\.k8s\.io|extensions)\//.test(object.apiVersion)) return [];
    const spec = asRecord(object.raw.spec);
    const tls = asArray(spec?.tls).map(asRecord).filter((t) => t !== undefined);
    if (tls.length === 0) {
      const byAnnotation = TLS_ANNOTATIONS.find((a) => (object.annotations[a] ?? '').trim() !== '');
      if (byAnnotation) return [{ ...at('/spec/tls', `the Ingress has no tls section; its controller terminates TLS by ${byAnnotation}, so check that plain HTTP is redirected`, { found: null, expected: 'spec.tls or HTTP redirected' }), severity: 'info' }];
      return [at('/spec/tls', 'the Ingress has no tls section: it serves plain HTTP', { found: null, expected: 'spec.tls covering every host' })];
    }
    if (tls.some((t) => asArray(t.hosts).length === 0)) return [];
    const tlsHosts = tls.flatMap((t) => asArray(t.hosts)).filter((h): h is string => typeof h === 'string');
    const out: Issue[] = [];
    asArray(spec?.rules).forEach((r, i) => {
      const host = asRecord(r)?.host;
      if (typeof host !== 'string' || host === '' || tlsHosts.some((t) => covers(t, host))) return;
      out.push(at(`/spec/rules/${i}/host`, `host ${host} is not covered by any tls entry: it is served over plain HTTP`, { found: host, expected: 'a tls entry listing the host' }));
    });
    return out;
  },
  examples: {
    fail: [
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: web, port: {number: 80}}
`,
      {
        yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts: [shop.example.com, "*.api.example.com"]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
    - host: v1.api.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
    - host: admin.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: admin, port: {number: 80}}}}
    - host: a.b.api.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
`,
        findings: 2,
      },
    ],
    pass: [
      `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: web, port: {number: 80}}
`,
    ],
  },
});
