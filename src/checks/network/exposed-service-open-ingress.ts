import { explainDirection } from '../../analysis/netpol/explain.js';
import { exposedServices } from '../../analysis/netpol/exposure.js';
import { resolvePort, serviceBackends } from '../../analysis/netpol/resolve.js';
import { networkMatrix, networkView } from '../../analysis/netpol/view.js';
import { isProtocol } from '../../analysis/netpol/ports.js';
import { asArray, asRecord, type K8sObject } from '../../model/object.js';
import { defineCheck, type Issue } from '../define.js';

export default defineCheck({
  id: 'exposed-service-open-ingress',
  title: 'Service exposed outside the cluster sends traffic to pods open to every address',
  severity: 'medium',
  category: 'network',
  description:
    'A Service of type LoadBalancer or NodePort, with externalIPs, behind an Ingress, or the backend of a Gateway API ' +
    'route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute attached to a Gateway; every Gateway counts as public, ' +
    'and one not in the input is assumed to accept the route), whose pods accept connections on ' +
    'the target port from every external address: nothing but the application stands between the internet and the ' +
    'pods. Checked against every external address range the policies distinguish.',
  remediation:
    'Restrict the pods\' ingress: allow the target port only from the ingress controller\'s pods, or from the load ' +
    'balancer\'s and clients\' address ranges with an ipBlock, and keep a default deny in the namespace.',
  frameworks: { nsa: ['network/network-policies'], mitre: ['T1190'], owasp: ['K07'] },
  subject: 'inventory',
  run: ({ inventory }) => {
    const c = networkView(inventory);
    const mx = networkMatrix(inventory);
    const out: { object: K8sObject; issue: Issue }[] = [];
    for (const e of exposedServices(inventory)) {
      const backends = serviceBackends(c, e.service);
      const open: string[] = [];
      for (const w of backends) {
        for (const sp of asArray(asRecord(e.service.raw.spec)?.ports)) {
          const p = asRecord(sp);
          if (!p || typeof p.port !== 'number') continue;
          const proto = p.protocol ?? 'TCP';
          if (!isProtocol(proto)) continue;
          const target = resolvePort({ peer: { kind: 'pod', ep: w }, name: w.id, workload: w, service: e.service }, `${p.port}/${proto}`);
          if ('error' in target) continue;
          // Open to every address: every external range the policies distinguish is allowed.
          const everywhere = mx.externals.every((x) => {
            const ip = x.ranges[0]!;
            return explainDirection(c, 'ingress', w, { kind: 'ip', range: { family: ip.family, lo: ip.lo, hi: ip.lo } }, target.protocol, target.port).allowed;
          });
          if (everywhere) open.push(`${w.id} ${target.protocol}/${target.port}`);
        }
      }
      if (open.length) out.push({ object: e.service, issue: { path: e.path, message: `the Service is exposed (${e.how}) and its pods accept traffic from every address: ${open.join(', ')}` } });
    }
    return out;
  },
  examples: {
    fail: [
      `apiVersion: v1
kind: Service
metadata: {name: admin, namespace: ops}
spec:
  type: LoadBalancer
  selector: {app: admin}
  ports: [{port: 443, targetPort: https}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: admin, namespace: ops}
spec:
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec:
      containers:
        - name: admin
          image: registry.example.com/admin:3.2
          ports: [{name: https, containerPort: 8443}]
`,
      `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  gatewayClassName: cilium
  listeners:
    - {name: https, protocol: HTTPS, port: 443, allowedRoutes: {namespaces: {from: All}}, tls: {certificateRefs: [{name: edge-tls}]}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: admin, namespace: ops}
spec:
  parentRefs: [{name: public, namespace: edge}]
  rules:
    - backendRefs: [{name: admin, port: 443}]
---
apiVersion: v1
kind: Service
metadata: {name: admin, namespace: ops}
spec:
  selector: {app: admin}
  ports: [{port: 443, targetPort: 8443}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: admin, namespace: ops}
spec:
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec:
      containers: [{name: admin, image: registry.example.com/admin:3.2, ports: [{containerPort: 8443}]}]
`,
    ],
    pass: [
      `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  gatewayClassName: cilium
  listeners:
    - {name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: edge-tls}]}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: admin, namespace: ops}
spec:
  parentRefs: [{name: public, namespace: edge}]
  rules:
    - backendRefs: [{name: admin, port: 443}]
---
apiVersion: v1
kind: Service
metadata: {name: admin, namespace: ops}
spec:
  selector: {app: admin}
  ports: [{port: 443, targetPort: 8443}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: admin, namespace: ops}
spec:
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec:
      containers: [{name: admin, image: registry.example.com/admin:3.2, ports: [{containerPort: 8443}]}]
`,
      `apiVersion: v1
kind: Service
metadata: {name: admin, namespace: ops}
spec:
  type: LoadBalancer
  selector: {app: admin}
  ports: [{port: 443, targetPort: https}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: admin, namespace: ops}
spec:
  selector: {matchLabels: {app: admin}}
  template:
    metadata: {labels: {app: admin}}
    spec:
      containers:
        - name: admin
          image: registry.example.com/admin:3.2
          ports: [{name: https, containerPort: 8443}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: admin, namespace: ops}
spec:
  podSelector: {matchLabels: {app: admin}}
  ingress:
    - from: [{ipBlock: {cidr: 192.0.2.0/24}}]
      ports: [{port: https}]
`,
    ],
  },
});
