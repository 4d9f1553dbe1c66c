// End-to-end: `kubeward netpol` on real manifests (test/fixtures/netpol, copied from the shared corpus).
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/cli.js';

const DEMO = ['test/fixtures/netpol/microservices-demo/kubernetes-manifests', 'test/fixtures/netpol/microservices-demo/kustomize/components/network-policies'];
interface Conn { src: string; dst: string; allowed: 'all' | Record<string, string> }

test('matrix -o json on microservices-demo: the documented contract, with exactly the policies\' connections', async () => {
  const r = await runCli(['netpol', 'matrix', ...DEMO, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { schemaVersion: string; kind: string; connections: Conn[] };
  assert.deepEqual(Object.keys(doc), ['schemaVersion', 'kind', 'connections']);
  assert.deepEqual([doc.schemaVersion, doc.kind], ['1.0', 'NetpolMatrix']);
  const get = (src: string, dst: string) => doc.connections.find((c) => c.src === src && c.dst === dst)?.allowed;
  assert.deepEqual(get('default/frontend[Deployment]', 'default/cartservice[Deployment]'), { TCP: '7070' });
  assert.deepEqual(get('default/cartservice[Deployment]', 'default/redis-cart[Deployment]'), { TCP: '6379' });
  assert.deepEqual(get('default/checkoutservice[Deployment]', 'default/paymentservice[Deployment]'), { TCP: '50051' });
  assert.equal(get('default/adservice[Deployment]', 'default/cartservice[Deployment]'), undefined, 'cartservice accepts only frontend and checkoutservice');
  assert.equal(get('default/loadgenerator[Deployment]', 'default/cartservice[Deployment]'), undefined);
  assert.equal(get('0.0.0.0/0,::/0', 'default/frontend[Deployment]'), 'all', 'the frontend policy allows all ingress');
  assert.equal(get('0.0.0.0/0,::/0', 'default/cartservice[Deployment]'), undefined);
  // Every destination but the frontend is reached only on its own port.
  for (const c of doc.connections) if (c.dst !== 'default/frontend[Deployment]' && !c.dst.includes('/0')) assert.notEqual(c.allowed, 'all', `${c.src} -> ${c.dst}`);
  assert.equal(doc.connections.length, 39);
});

test('matrix -n, csv and html', async () => {
  const csv = await runCli(['netpol', 'matrix', 'test/fixtures/netpol/calico', '-o', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout, 'src,dst,allowed\r\ncalico-apiserver/calico-apiserver[Deployment],"0.0.0.0/0,::/0",all\r\n"0.0.0.0/0,::/0",calico-apiserver/calico-apiserver[Deployment],TCP 5443\r\n');
  const html = await runCli(['netpol', 'matrix', 'test/fixtures/netpol/calico', '-o', 'html']);
  assert.match(html.stdout, /<td>calico-apiserver\/calico-apiserver\[Deployment\]<\/td><td>0\.0\.0\.0\/0,::\/0<\/td><td class="all">all<\/td>/);
  const filtered = await runCli(['netpol', 'matrix', 'test/fixtures/netpol/kube-prometheus', 'test/fixtures/netpol/calico', '-n', 'calico-apiserver', '-o', 'json']);
  const doc = JSON.parse(filtered.stdout) as { connections: Conn[] };
  assert.ok(doc.connections.length > 0);
  for (const c of doc.connections) assert.ok(c.src.startsWith('calico-apiserver/') || c.dst.startsWith('calico-apiserver/'), JSON.stringify(c));
  const bad = await runCli(['netpol', 'matrix', 'test/fixtures/netpol/calico', '-n', 'nope']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no namespace "nope"/);
});

test('explain -o json names the deciding policies and rules in both directions', async () => {
  const denied = await runCli(['netpol', 'explain', 'default/adservice', 'default/cartservice', '--port', '7070', ...DEMO, '-o', 'json']);
  assert.equal(denied.code, 1, 'denied: exit 1, as rbac can');
  const v = JSON.parse(denied.stdout);
  assert.equal(v.allowed, false);
  assert.equal(v.egress.allowed, true);
  assert.deepEqual(v.egress.rules, [{ policy: 'NetworkPolicy default/adservice', rule: '/spec/egress/0' }]);
  assert.equal(v.ingress.allowed, false);
  assert.deepEqual(v.ingress.policies, ['NetworkPolicy default/cartservice', 'NetworkPolicy default/deny-all']);
  assert.deepEqual(v.ingress.rules, []);
  const allowed = await runCli(['netpol', 'explain', 'default/frontend', 'default/cartservice', '--port', '7070', ...DEMO]);
  assert.equal(allowed.code, 0);
  assert.match(allowed.stdout, /^default\/frontend\[Deployment\] -> default\/cartservice\[Deployment\] TCP\/7070: ALLOWED/);
  assert.match(allowed.stdout, /rule: NetworkPolicy default\/cartservice \/spec\/ingress\/0/);
});

test('explain through a Service port (mapped to its targetPort) and from an external address', async () => {
  const ok = await runCli(['netpol', 'explain', '203.0.113.9', 'calico-apiserver/calico-api', '--port', '443', 'test/fixtures/netpol/calico', '-o', 'json']);
  assert.equal(ok.code, 0, ok.stderr);
  const v = JSON.parse(ok.stdout);
  assert.equal(v.allowed, true);
  assert.equal(v.port, 5443);
  assert.equal(v.egress.decidedBy, 'not-applicable');
  const no = JSON.parse((await runCli(['netpol', 'explain', '203.0.113.9', 'calico-apiserver/calico-apiserver', '--port', '8080', 'test/fixtures/netpol/calico', '-o', 'json'])).stdout);
  assert.equal(no.allowed, false);
  const prom = JSON.parse((await runCli(['netpol', 'explain', 'monitoring/blackbox-exporter', 'monitoring/grafana', '--port', 'http', 'test/fixtures/netpol/kube-prometheus', '-o', 'json'])).stdout);
  assert.equal(prom.allowed, false, 'grafana accepts only prometheus');
  assert.equal(prom.port, 3000, 'the named port resolves on grafana');
});

test('explain errors: unknown workload, missing port, unknown named port', async () => {
  const a = await runCli(['netpol', 'explain', 'default/nope', 'default/cartservice', '--port', '1', ...DEMO]);
  assert.equal(a.code, 2);
  assert.match(a.stderr, /source: no workload or Service "default\/nope"/);
  const b = await runCli(['netpol', 'explain', 'default/frontend', 'default/cartservice', ...DEMO]);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /--port is required/);
  const c = await runCli(['netpol', 'explain', 'default/frontend', 'default/cartservice', '--port', 'grpcx', ...DEMO]);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /has no container port named "grpcx"/);
});

test('generate from a flows file: one policy per workload seen, bad lines reported and skipped', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kw-flows-'));
  const flows = join(dir, 'flows.jsonl');
  await writeFile(flows, [
    '{"src": "default/frontend", "dst": "default/cartservice", "port": 7070}',
    '{"src": "default/cartservice", "dst": "default/redis-cart", "port": 6379, "protocol": "TCP"}',
    'not json',
    '{"src": "default/ghost", "dst": "default/cartservice", "port": 7070}',
  ].join('\n'));
  const r = await runCli(['netpol', 'generate', '--flows', flows, DEMO[0]!]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /flows.jsonl:3: not a JSON object/);
  assert.match(r.stderr, /line 4: skipped: no workload or Service "default\/ghost"/);
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJSON() as { metadata: { name: string }; spec: { ingress: unknown[]; egress: unknown[] } });
  assert.deepEqual(docs.map((d) => d.metadata.name).sort(), ['kubeward-cartservice', 'kubeward-frontend', 'kubeward-redis-cart']);
  const cart = docs.find((d) => d.metadata.name === 'kubeward-cartservice')!;
  assert.deepEqual(cart.spec.ingress, [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 7070 }] }]);
});
