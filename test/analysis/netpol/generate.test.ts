// Generated policies re-analysed: they allow every observed flow and nothing else between the covered workloads (plus DNS).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCluster } from '../../../src/analysis/netpol/cluster.js';
import { parseFlows } from '../../../src/analysis/netpol/flows.js';
import { generatePolicies } from '../../../src/analysis/netpol/generate.js';
import { computeMatrix, connections } from '../../../src/analysis/netpol/matrix.js';
import { portsText } from '../../../src/analysis/netpol/ports.js';
import { Inventory } from '../../../src/model/inventory.js';
import { policiesYaml } from '../../../src/report/netpol-policies.js';
import { loadText, withIds } from '../../../src/sources/manifests.js';
import { pod } from './helpers.js';

const WORKLOADS = pod('web', 'shop', { app: 'web' }) + pod('cart', 'shop', { app: 'cart' }) + pod('db', 'data', { app: 'db', tier: 'data' }) +
  pod('cache', 'data', { app: 'cache' }) + pod('batch', 'jobs', { app: 'batch' }) + pod('coredns', 'kube-system', { 'k8s-app': 'kube-dns' });

const FLOWS = [
  { src: 'shop/web', dst: 'shop/cart', port: 8080 },
  { src: 'shop/web', dst: 'shop/cart', port: 8081 },
  { src: 'shop/cart', dst: 'data/db', port: 5432 },
  { src: 'shop/cart', dst: 'data/cache', port: 6379 },
  { src: 'jobs/batch', dst: 'data/db', port: 5432 },
  { src: 'jobs/batch', dst: 'data/cache', port: 11211, protocol: 'UDP' },
  { src: '198.51.100.7', dst: 'shop/web', port: 443 },
  { src: 'shop/web', dst: '203.0.113.10', port: 443 },
].map((f) => JSON.stringify(f)).join('\n');

function analyse(yaml: string) {
  const { objects } = loadText(yaml, 'x.yaml');
  const inventory = new Inventory(withIds(objects));
  return { inventory, cluster: buildCluster(inventory) };
}

test('generated policies allow exactly the observed flows between covered workloads, plus DNS to kube-dns', () => {
  const { cluster, inventory } = analyse(WORKLOADS);
  const { flows, problems } = parseFlows(FLOWS);
  assert.deepEqual(problems, []);
  const gen = generatePolicies(cluster, inventory, flows);
  assert.deepEqual(gen.warnings, []);
  assert.equal(gen.policies.length, 5);
  const after = analyse(WORKLOADS + policiesYaml(gen.policies));
  const m: Record<string, string> = {};
  for (const c of connections(computeMatrix(after.cluster))) m[`${c.src} -> ${c.dst}`] = portsText(c.allowed);
  const covered = ['shop/web[Pod]', 'shop/cart[Pod]', 'data/db[Pod]', 'data/cache[Pod]', 'jobs/batch[Pod]'];
  const expected: Record<string, string> = {
    'shop/web[Pod] -> shop/cart[Pod]': 'TCP 8080-8081',
    'shop/cart[Pod] -> data/db[Pod]': 'TCP 5432',
    'shop/cart[Pod] -> data/cache[Pod]': 'TCP 6379',
    'jobs/batch[Pod] -> data/db[Pod]': 'TCP 5432',
    'jobs/batch[Pod] -> data/cache[Pod]': 'UDP 11211',
  };
  for (const a of covered) {
    for (const b of covered) if (a !== b) assert.equal(m[`${a} -> ${b}`], expected[`${a} -> ${b}`], `${a} -> ${b}`);
    assert.equal(m[`${a} -> kube-system/coredns[Pod]`], 'TCP 53; UDP 53', `${a} -> DNS`);
  }
  // External ends: exactly the observed address and port.
  assert.equal(m['shop/web[Pod] -> 203.0.113.10/32'], 'TCP 443');
  assert.equal(m['198.51.100.7/32 -> shop/web[Pod]'], 'TCP 443');
  const externalFromOthers = Object.keys(m).filter((k) => covered.some((w) => k.startsWith(`${w} -> `)) && /\d+\.\d+\.\d+\.\d+\/\d+|::/.test(k.split(' -> ')[1]!));
  assert.deepEqual(externalFromOthers, ['shop/web[Pod] -> 203.0.113.10/32']);
});

test('Hubble flow export: forwarded non-reply L4 flows, ends by workload name, by labels, or world IP', () => {
  const hubble = [
    { flow: { verdict: 'FORWARDED', is_reply: false, IP: { source: '10.0.1.5', destination: '10.0.2.7' }, l4: { TCP: { source_port: 40000, destination_port: 8080 } },
      source: { namespace: 'shop', labels: ['k8s:app=web', 'k8s:io.kubernetes.pod.namespace=shop'], workloads: [{ name: 'web', kind: 'Pod' }] },
      destination: { namespace: 'shop', labels: ['k8s:app=cart', 'k8s:pod-template-hash=abc'] } } },
    { flow: { verdict: 'FORWARDED', is_reply: true, IP: { source: '10.0.2.7', destination: '10.0.1.5' }, l4: { TCP: { source_port: 8080, destination_port: 40000 } }, source: {}, destination: {} } },
    { flow: { verdict: 'DROPPED', IP: { source: '10.0.1.5', destination: '10.0.2.7' }, l4: { TCP: { destination_port: 22 } }, source: {}, destination: {} } },
    { flow: { verdict: 'FORWARDED', IP: { source: '10.0.1.5', destination: '1.1.1.1' }, l4: { UDP: { destination_port: 853 } },
      source: { namespace: 'shop', labels: ['k8s:app=web'] }, destination: { labels: ['reserved:world'] } } },
    { flow: { verdict: 'FORWARDED', IP: { source: '10.0.1.5', destination: '10.0.3.3' }, l4: { ICMPv4: { type: 8 } }, source: {}, destination: {} } },
  ].map((l) => JSON.stringify(l)).join('\n');
  const { flows, problems } = parseFlows(hubble);
  assert.deepEqual(problems, []);
  assert.deepEqual(flows.map((f) => ({ ...f, line: 0 })), [
    { line: 0, src: { ref: 'shop/web[Pod]', namespace: 'shop' }, dst: { namespace: 'shop', labels: { app: 'cart', 'pod-template-hash': 'abc' } }, protocol: 'TCP', port: 8080 },
    { line: 0, src: { namespace: 'shop', labels: { app: 'web' } }, dst: { ip: '1.1.1.1' }, protocol: 'UDP', port: 853 },
  ]);
  const { cluster, inventory } = analyse(WORKLOADS);
  const gen = generatePolicies(cluster, inventory, flows);
  assert.deepEqual(gen.covered.map((w) => w.id), ['shop/web[Pod]', 'shop/cart[Pod]']);
  const web = gen.policies.find((p) => (p.metadata as { name: string }).name === 'kubeward-web') as { spec: { egress: unknown[] } };
  assert.deepEqual(web.spec.egress[1], { to: [{ podSelector: { matchLabels: { app: 'cart' } } }], ports: [{ protocol: 'TCP', port: 8080 }] });
  assert.deepEqual(web.spec.egress[0], { to: [{ ipBlock: { cidr: '1.1.1.1/32' } }], ports: [{ protocol: 'UDP', port: 853 }] });
});

test('flows that cannot be used are reported with their line, the others still used', () => {
  const { problems, flows } = parseFlows('{"src": "a/b", "dst": "a/c", "port": 70000}\n\n{"src": "a/b", "dst": "a/c", "port": 80, "protocol": "ICMP"}\n[1]\n{"src": "a/b", "dst": "a/c", "port": "80"}');
  assert.deepEqual(problems, [
    { line: 1, message: '"port" must be a number from 1 to 65535' },
    { line: 3, message: 'protocol "ICMP" is not TCP, UDP or SCTP' },
    { line: 4, message: 'not a JSON object' },
  ]);
  assert.equal(flows.length, 1);
});

test('generated YAML keeps label values strings for YAML 1.1 readers (y, on, no, 0x1F)', () => {
  const text = policiesYaml([{ metadata: { labels: { a: 'y', b: 'on', c: 'no', d: '0x1F', e: 'plain' } } }]);
  assert.match(text, /a: "y"/);
  assert.match(text, /b: "on"/);
  assert.match(text, /c: "no"/);
  assert.match(text, /d: "0x1F"/);
  assert.match(text, /e: plain/);
  const { objects } = loadText(`apiVersion: v1\nkind: ConfigMap\n${text.replace(/^metadata:/m, 'metadata:\n  name: x')}`, 'x.yaml');
  assert.deepEqual(objects[0]!.labels, { a: 'y', b: 'on', c: 'no', d: '0x1F', e: 'plain' });
});

test('generated selectors use only labels that survive an upgrade (no chart or app version, no controller hashes)', () => {
  const churn = { 'helm.sh/chart': 'web-1.2.3', 'app.kubernetes.io/version': '1.2.3', 'pod-template-hash': '5d9c7b8f4', 'controller-revision-hash': 'web-6c5f' };
  const yaml = pod('web', 'shop', { 'app.kubernetes.io/name': 'web', ...churn }) + pod('cart', 'shop', { 'app.kubernetes.io/name': 'cart', version: 'v2' }) +
    pod('hashonly', 'shop', { 'pod-template-hash': 'abc' }) + pod('coredns', 'kube-system', { 'k8s-app': 'kube-dns' });
  const { cluster, inventory } = analyse(yaml);
  const { flows } = parseFlows([{ src: 'shop/web', dst: 'shop/cart', port: 8080 }, { src: 'shop/hashonly', dst: 'shop/cart', port: 8080 }].map((f) => JSON.stringify(f)).join('\n'));
  const gen = generatePolicies(cluster, inventory, flows);
  const byName = new Map(gen.policies.map((p) => [(p.metadata as { name: string }).name, p.spec as { podSelector: unknown; ingress: { from: { podSelector: unknown }[] }[] }]));
  assert.deepEqual(byName.get('kubeward-web')!.podSelector, { matchLabels: { 'app.kubernetes.io/name': 'web' } });
  assert.deepEqual(byName.get('kubeward-cart')!.podSelector, { matchLabels: { 'app.kubernetes.io/name': 'cart' } });
  const peers = byName.get('kubeward-cart')!.ingress.map((r) => r.from[0]!.podSelector);
  assert.deepEqual(peers.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [
    { matchLabels: { 'app.kubernetes.io/name': 'web' } },
    // A peer with no stable label keeps what it has: an empty selector would admit every pod of the namespace.
    { matchLabels: { 'pod-template-hash': 'abc' } },
  ]);
  assert.equal(byName.has('kubeward-hashonly'), false);
  assert.ok(gen.warnings.some((w) => /hashonly.*no pod labels that survive an upgrade \(pod-template-hash\)/.test(w)), gen.warnings.join('\n'));
  // The flow from the workload without stable labels still needs a peer: it is named by what it has.
  const after = analyse(yaml + policiesYaml(gen.policies));
  const m = new Map([...connections(computeMatrix(after.cluster))].map((c) => [`${c.src} -> ${c.dst}`, portsText(c.allowed)]));
  assert.equal(m.get('shop/web[Pod] -> shop/cart[Pod]'), 'TCP 8080');
});
