// End-to-end (issue 13, network items): Cilium policies in scan and netpol, default deny per Namespace object,
// one-direction isolation, Gateway API exposure; the CLI run in process on manifests written to a temp dir.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const deploy = (ns: string, name: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${extra}      containers: [{name: c, image: registry.example.com/${name}:1.0, ports: [{name: http, containerPort: 8080}]}]
`;

const CILIUM = [
  `apiVersion: v1
kind: Namespace
metadata: {name: shop}
`,
  deploy('shop', 'web'),
  deploy('shop', 'api', '      serviceAccountName: api\n'),
  deploy('shop', 'db'),
  deploy('other', 'api'),
  `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: web}}
  ingress:
    - fromEntities: [world]
      toPorts: [{ports: [{port: http}], rules: {http: [{method: GET}]}}]
  egress:
    - toEndpoints: [{matchLabels: {app: api}}]
`,
  `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: db, namespace: shop}
specs:
  - endpointSelector: {matchLabels: {k8s:app: db}}
    ingress:
      - fromEndpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: api}}]
        toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
    ingressDeny:
      - fromEndpoints: [{matchLabels: {app: web}}]
    egress:
      - toFQDNs: [{matchName: backup.example.com}]
`,
].join('---\n');

async function dir(files: Record<string, string>): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'kubeward-net13-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(d, name), text);
  return d;
}

interface Finding { checkId: string; message: string; object: { kind: string; namespace?: string; name: string }; impliedBy?: string }
/** The shown findings, then (issue 20) those folded under another one (JSON implied) at the end, with impliedBy. */
async function scan(d: string): Promise<Finding[]> {
  const r = await runCli(['scan', d, '-o', 'json']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const doc = JSON.parse(r.stdout) as { findings: Finding[]; implied?: Finding[] };
  return [...doc.findings, ...(doc.implied ?? [])];
}
const of = (f: Finding[], id: string) => f.filter((x) => x.checkId === id).map((x) => `${x.object.kind} ${x.object.namespace ?? ''}/${x.object.name}${x.impliedBy ? ` (under ${x.impliedBy})` : ''}`).sort();

test('Cilium policies: explain decides by endpoint selectors, service accounts, entities, deny rules, and names what is not modelled', async () => {
  const d = await dir({ 'app.yaml': CILIUM });
  const ok = await runCli(['netpol', 'explain', 'shop/api', 'shop/db', '--port', '5432', d, '-o', 'json']);
  assert.equal(ok.code, 0, ok.stdout);
  const v = JSON.parse(ok.stdout);
  assert.deepEqual(v.ingress.rules, [{ policy: 'CiliumNetworkPolicy shop/db', rule: '/specs/0/ingress/0' }]);
  assert.deepEqual(v.ingress.policies, ['CiliumNetworkPolicy shop/db /specs/0']);
  // Same labels in another namespace: a namespaced policy's peers are in its namespace.
  const other = await runCli(['netpol', 'explain', 'other/api', 'shop/db', '--port', '5432', d]);
  assert.equal(other.code, 1);
  assert.match(other.stdout, /ingress DENIED +shop\/db\[Deployment\]: the pod is isolated for ingress/);
  // The web pod's egress allows the api pods only; the db's ingressDeny names it anyway.
  const denied = await runCli(['netpol', 'explain', 'shop/web', 'shop/db', '--port', '5432', d, '-o', 'json']);
  assert.equal(denied.code, 1);
  const dv = JSON.parse(denied.stdout);
  assert.equal(dv.egress.allowed, false);
  assert.deepEqual([dv.ingress.allowed, dv.ingress.rules], [false, [{ policy: 'CiliumNetworkPolicy shop/db', rule: '/specs/0/ingressDeny/0', action: 'Deny' }]]);
  const world = await runCli(['netpol', 'explain', '203.0.113.9', 'shop/web', '--port', '8080', d]);
  assert.equal(world.code, 0);
  assert.match(world.stdout, /not modelled: CiliumNetworkPolicy shop\/web \/spec\/ingress\/0\/toPorts\/0\/rules: L7 rules/);
  const fqdn = await runCli(['netpol', 'explain', 'shop/db', '198.51.100.1', '--port', '443', d]);
  assert.equal(fqdn.code, 1);
  assert.match(fqdn.stdout, /not modelled: CiliumNetworkPolicy shop\/db \/specs\/0\/egress\/0\/toFQDNs: toFQDNs is not modelled/);
  const mx = await runCli(['netpol', 'matrix', d, '-o', 'json']);
  const conns = (JSON.parse(mx.stdout) as { connections: { src: string; dst: string; allowed: unknown }[] }).connections;
  const get = (s: string, t: string) => conns.find((c) => c.src === s && c.dst === t)?.allowed;
  assert.deepEqual(get('shop/api[Deployment]', 'shop/db[Deployment]'), { TCP: '5432' });
  assert.equal(get('shop/web[Deployment]', 'shop/db[Deployment]'), undefined);
  assert.equal(get('other/api[Deployment]', 'shop/db[Deployment]'), undefined);
  assert.deepEqual(get('0.0.0.0/0,::/0', 'shop/web[Deployment]'), { TCP: '8080' });
  assert.equal(get('shop/db[Deployment]', '0.0.0.0/0,::/0'), undefined);
  assert.match(mx.stderr, /not modelled: CiliumNetworkPolicy shop\/db \/specs\/0\/egress\/0\/toFQDNs/);
  const f = await scan(d);
  // Namespace other has no policy at all: its workload is folded under the namespace's one finding (issue 20).
  assert.deepEqual(of(f, 'workload-without-network-policy'), ['Deployment other/api (under missing-default-deny-ingress)', 'Deployment shop/api']);
  assert.deepEqual(of(f, 'workload-isolated-one-direction'), []);
});

test('default deny per Namespace object, one-direction isolation', async () => {
  const d = await dir({
    'ns.yaml': `apiVersion: v1
kind: Namespace
metadata: {name: empty}
---
apiVersion: v1
kind: Namespace
metadata: {name: locked}
---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: default-deny, namespace: locked}
spec:
  endpointSelector: {}
  ingress: [{}]
  egress: [{}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`,
    'api.yaml': deploy('shop', 'api'),
  });
  const f = await scan(d);
  assert.deepEqual(of(f, 'missing-default-deny-ingress'), ['Deployment shop/api', 'Namespace /empty']);
  // Namespace empty has no policy at all: one finding (ingress), egress folded under it (issue 20).
  assert.deepEqual(of(f, 'missing-default-deny-egress'), ['Deployment shop/api', 'Namespace /empty (under missing-default-deny-ingress)']);
  const one = f.filter((x) => x.checkId === 'workload-isolated-one-direction');
  assert.equal(one.length, 1);
  assert.equal(one[0]!.message, 'the pods of shop/api[Deployment] are isolated for ingress only (NetworkPolicy shop/api): all their egress traffic is allowed');
});

test('Gateway API: routes expose their backends as an Ingress does, and an HTTP listener is reported', async () => {
  const d = await dir({
    'gw.yaml': `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  gatewayClassName: istio
  listeners:
    - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api, namespace: shop}
spec:
  parentRefs: [{name: public, namespace: edge}]
  rules: [{backendRefs: [{name: api, port: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{port: 80, targetPort: http}]
`,
    'api.yaml': deploy('shop', 'api'),
  });
  const f = await scan(d);
  const exposed = f.filter((x) => x.checkId === 'exposed-service-open-ingress');
  assert.equal(exposed.length, 1);
  assert.match(exposed[0]!.message, /exposed \(the backend of HTTPRoute shop\/api \(Gateway edge\/public\)\) and its pods accept traffic from every address: shop\/api\[Deployment\] TCP\/8080/);
  const tls = f.filter((x) => x.checkId === 'gateway-listener-without-tls');
  assert.deepEqual(tls.map((x) => x.message), ['listener http serves plain HTTP and routes to backends: HTTPRoute shop/api']);
});
