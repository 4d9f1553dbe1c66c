// The network checks on real manifests (test/fixtures/netpol, copied from the shared corpus).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const CHECKS = 'missing-default-deny-ingress,missing-default-deny-egress,workload-without-network-policy,network-policy-allows-all,network-policy-dangling-selector,secret-holder-internet-egress,database-reachable-from-all-namespaces,exposed-service-open-ingress';

type JsonFinding = { checkId: string; object?: { kind: string; name: string }; path: string; impliedBy?: string };
/** Shown findings; with `withImplied`, also the folded ones (JSON implied), marked "(under CHECK)". */
async function findings(...paths: string[]): Promise<string[]> {
  return (await scanned(paths, false));
}
async function scanned(paths: string[], withImplied: boolean): Promise<string[]> {
  const r = await runCli(['scan', ...paths, '--checks', CHECKS, '-o', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { findings: JsonFinding[]; implied?: JsonFinding[] };
  return [...report.findings, ...(withImplied ? report.implied ?? [] : [])].map((f) => `${f.checkId} ${f.object?.kind}/${f.object?.name} ${f.path}${f.impliedBy ? ` (under ${f.impliedBy})` : ''}`).sort();
}

test('microservices-demo without its policies: open namespace, unselected workloads, redis open to all, exposed frontend', async () => {
  const f = await scanned(['test/fixtures/netpol/microservices-demo/kubernetes-manifests'], true);
  assert.ok(f.includes('missing-default-deny-ingress Deployment/adservice /metadata/name'));
  // The namespace has no NetworkPolicy at all: one finding for it, the egress one and the 12 per-workload ones
  // folded under it (issue 20).
  assert.ok(f.includes('missing-default-deny-egress Deployment/adservice /metadata/name (under missing-default-deny-ingress)'));
  assert.equal(f.filter((x) => x.startsWith('workload-without-network-policy ') && x.endsWith('(under missing-default-deny-ingress)')).length, 12);
  assert.ok(f.includes('database-reachable-from-all-namespaces Deployment/redis-cart /spec/template/spec/containers/0/ports/0/containerPort'));
  assert.ok(f.includes('exposed-service-open-ingress Service/frontend-external /spec/type'));
  assert.equal(f.length, 16);
  assert.equal((await findings('test/fixtures/netpol/microservices-demo/kubernetes-manifests')).length, 3);
});

test('microservices-demo with its policies: only the allow-all rules and the open frontend remain', async () => {
  const f = await findings('test/fixtures/netpol/microservices-demo');
  assert.deepEqual(f.filter((x) => !x.startsWith('network-policy-allows-all ')), ['exposed-service-open-ingress Service/frontend-external /spec/type']);
  assert.ok(f.includes('network-policy-allows-all NetworkPolicy/frontend /spec/ingress/0'));
  assert.ok(!f.some((x) => x.startsWith('database-reachable')), 'redis-cart accepts only cartservice');
});

test('kube-prometheus: grafana holds secrets and kube-state-metrics a secret-reading token, with open egress; node-exporter policy selects host-network pods only', async () => {
  const f = await findings('test/fixtures/netpol/kube-prometheus');
  assert.ok(f.includes('secret-holder-internet-egress Deployment/grafana /spec/template/spec/volumes/1/secret'));
  assert.ok(f.includes('secret-holder-internet-egress Deployment/kube-state-metrics /spec/template/spec/serviceAccountName'));
  assert.ok(f.includes('network-policy-dangling-selector NetworkPolicy/node-exporter /spec/podSelector'));
  // prometheus pods come from the Prometheus resource: its labels keep the prometheus peers from being dangling.
  assert.deepEqual(f.filter((x) => x.startsWith('network-policy-dangling-selector NetworkPolicy/prometheus-k8s')), ['network-policy-dangling-selector NetworkPolicy/prometheus-k8s /spec/ingress/1/from/0/podSelector']);
  assert.ok(f.includes('missing-default-deny-ingress Deployment/blackbox-exporter /metadata/namespace'));
});

test('calico apiserver: the Namespace object carries the default-deny findings; the port-limited open rule is reported', async () => {
  const f = await findings('test/fixtures/netpol/calico');
  assert.deepEqual(f, [
    'missing-default-deny-egress Namespace/calico-apiserver /metadata/name',
    'missing-default-deny-ingress Namespace/calico-apiserver /metadata/name',
    'network-policy-allows-all NetworkPolicy/allow-apiserver /spec/ingress/0',
  ]);
  // Its only Secret volume is its own serving certificate (calico-apiserver-certs): not a credential that makes it
  // a secret holder for secret-holder-internet-egress (issue 20).
});
