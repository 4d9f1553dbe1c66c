// Attack paths over hand-built scenarios with known paths (test/fixtures/paths) and over kubernetes-goat's
// teaching manifests: the exact paths, their scores from the weights, the ranking and the fixes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attackPaths } from '../../../src/analysis/paths/attack-paths.js';
import { DEFAULT_WEIGHTS, resolveWeights, type Weights } from '../../../src/analysis/paths/weights.js';
import { CHECKS } from '../../../src/checks/index.js';
import { loadInventory } from '../../../src/engine/load-inventory.js';
import { analyseInventory } from '../../../src/engine/scan.js';
import type { AttackPath, AttackPathsResult } from '../../../src/model/attack-path.js';
import type { Finding } from '../../../src/model/finding.js';

const F = 'test/fixtures/paths';

/** The inventory and findings of the files, read and checked once per set of files. */
const analysed = new Map<string, Promise<ReturnType<typeof analyseInventory>>>();
function analyseFiles(files: string[]) {
  const key = files.join('\n');
  let a = analysed.get(key);
  if (!a) {
    a = loadInventory({ paths: files }).then((loaded) => analyseInventory(loaded.inventory, { problems: loaded.problems, checks: CHECKS.filter((c) => c.subject !== 'dockerfile') }));
    analysed.set(key, a);
  }
  return a;
}

async function pathsFor(files: string[], opts: { extra?: (fs: Finding[]) => Finding[]; weights?: Weights; from?: 'internet' | 'pod' | 'image'; to?: 'cluster-admin' | 'node' | 'secrets' | 'data' } = {}): Promise<AttackPathsResult> {
  const { inventory, findings } = await analyseFiles(files);
  const all = opts.extra ? [...findings, ...opts.extra(findings)] : findings;
  return attackPaths(inventory, all, { ...(opts.weights ? { weights: opts.weights } : {}), ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) });
}

const route = (p: AttackPath) => [p.hops[0]!.from, ...p.hops.map((h) => h.to)].join(' > ');
const W = DEFAULT_WEIGHTS;
const round = (n: number) => Math.round(n * 100) / 100;

/** A critical image-vulnerability finding on the frontend's image, as `scan --images` reports one. */
function vulnerableFrontend(fs: Finding[]): Finding[] {
  const privileged = fs.find((f) => f.checkId === 'privileged-container')!;
  return [{
    ...privileged, checkId: 'image-vulnerability', severity: 'critical', title: 'Image has a known vulnerability', message: 'container "web" image registry.example.com/shop/frontend:1.0: CVE-2024-0001 in openssl',
    object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'frontend' }, path: '/spec/template/spec/containers/0/image',
    evidence: { found: 'CVE-2024-0001 openssl@3.0.1' }, fingerprint: 'vuln-frontend',
  }];
}

describe('attack paths: hand-built scenarios', () => {
  it('internet → vulnerable frontend → privileged pod → node → every Secret, ranked above any pod → privileged pod', async () => {
    const r = await pathsFor([`${F}/node-escape.yaml`], { extra: vulnerableFrontend });
    assert.deepEqual(r.paths.map(route), [
      'internet > workload:shop/frontend[Deployment] > workload:ops/agent[Deployment] > node > secrets',
      'any-pod > workload:ops/agent[Deployment] > node > secrets',
    ]);
    const [top, second] = r.paths as [AttackPath, AttackPath];
    // likelihood: internet 0.6 × vulnerable 1.6 (capped at 1) × lateral × escape × node secrets; impact secrets; 3 frontend replicas.
    const l1 = Math.min(1, W['entry.internet'] * W.vulnerable) * W.lateral * W['escape.privileged-container'] * W['node-secrets'];
    assert.equal(top.score, round(W.scale * l1 * W['impact.secrets'] * (1 + 3 / W['replicas.divisor'])));
    assert.equal(top.score, 39.31);
    assert.equal(second.score, round(W.scale * W['entry.pod'] * W['node-secrets'] * W['impact.secrets'] * 1.1));
    assert.deepEqual(top.reaches, ['node', 'secrets']);
    assert.equal(top.hops[0]!.evidence.findings?.includes('vuln-frontend'), false, 'the exposure hop rests on the Service');
    assert.match(top.hops[0]!.how, /Service shop\/frontend is type LoadBalancer/);
    assert.equal(top.hops[2]!.evidence.checkId, 'privileged-container');
    assert.equal(top.hops[2]!.evidence.location?.line, 39);
    // The one fix that breaks both paths is the escape; it is each path's fix and first in the list.
    assert.equal(top.fix, 'escape:ops/agent[Deployment]');
    assert.equal(second.fix, 'escape:ops/agent[Deployment]');
    assert.deepEqual(r.fixes.map((f) => [f.id, f.paths]), [
      ['escape:ops/agent[Deployment]', 2],
      ['netpol-ingress:ops/agent[Deployment]', 2],
      ['exposure:Service/shop/frontend', 1],
    ]);
    assert.equal(r.fixes[0]!.score, round(top.score + second.score));
  });

  it('a critical vulnerability in the privileged pod\'s own image: an image entry, and a likelier way in from any pod', async () => {
    const vulnerableAgent = (fs: Finding[]) => vulnerableFrontend(fs).map((f) => ({ ...f, object: { ...f.object!, namespace: 'ops', name: 'agent' }, fingerprint: 'vuln-agent' }));
    const r = await pathsFor([`${F}/node-escape.yaml`], { extra: vulnerableAgent });
    assert.deepEqual(r.paths.map((p) => [route(p), p.score]), [
      ['internet > workload:shop/frontend[Deployment] > workload:ops/agent[Deployment] > node > secrets', round(W.scale * W['entry.internet'] * W.lateral * W.vulnerable * W['node-secrets'] * W['impact.secrets'] * 1.3)],
      ['image:ops/agent[Deployment] > workload:ops/agent[Deployment] > node > secrets', round(W.scale * W['entry.image'] * W['node-secrets'] * W['impact.secrets'] * 1.1)],
      ['any-pod > workload:ops/agent[Deployment] > node > secrets', round(W.scale * W['entry.pod'] * W.vulnerable * W['node-secrets'] * W['impact.secrets'] * 1.1)],
    ]);
    const image = r.paths[1]!;
    assert.equal(image.entry, 'image');
    assert.deepEqual(image.hops[0]!.evidence.findings, ['vuln-agent']);
    assert.equal(image.hops[0]!.fix?.id, 'image:ops/agent[Deployment]/containers/0/image');
  });

  it('a NetworkPolicy on the privileged pod breaks both paths (present without it, absent with it)', async () => {
    const without = await pathsFor([`${F}/node-escape.yaml`]);
    assert.equal(without.paths.length, 2);
    const withPolicy = await pathsFor([`${F}/node-escape.yaml`, `${F}/netpol-agent.yaml`]);
    assert.deepEqual(withPolicy.paths, []);
    assert.deepEqual(withPolicy.fixes, []);
  });

  it('a service account that may create pods where a cluster-admin account lives → cluster-admin, every RBAC hop with its binding', async () => {
    const r = await pathsFor([`${F}/create-pods.yaml`]);
    assert.deepEqual(r.paths.map(route), [
      'any-pod > workload:ci/builder[Deployment] > ServiceAccount:ci/deployer > any-serviceaccount:kube-system > ServiceAccount:kube-system/admin > cluster-admin',
    ]);
    const p = r.paths[0]!;
    assert.equal(p.jewel, 'cluster-admin');
    assert.equal(p.score, round(W.scale * W['entry.pod'] * W.token * W['rbac-hop'] * W['impact.cluster-admin'] * 1.1));
    assert.match(p.hops[2]!.evidence.fact!, /RoleBinding kube-system\/deployer-creates-pods → Role kube-system\/pod-creator/);
    assert.deepEqual(p.hops.map((h) => h.fix?.id ?? null), [
      'netpol-ingress:ci/builder[Deployment]', 'token:ci/builder[Deployment]', 'binding:RoleBinding kube-system/deployer-creates-pods', null, 'binding:ClusterRoleBinding admin-is-cluster-admin',
    ]);
    assert.equal(r.labels['cluster-admin'], 'cluster-admin (* on * in every namespace)');
  });

  it('fix first: fixes ranked by the score they remove over every path; --from and --to filter', async () => {
    const r = await pathsFor([`${F}/node-escape.yaml`, `${F}/create-pods.yaml`]);
    // The frontend reaches the builder too: internet → frontend → builder → … → cluster-admin is now first.
    assert.deepEqual(r.paths.map((p) => `${p.entry}>${p.jewel}`), ['internet>cluster-admin', 'internet>secrets', 'pod>cluster-admin', 'pod>secrets']);
    for (let i = 1; i < r.paths.length; i++) assert.ok(r.paths[i - 1]!.score >= r.paths[i]!.score);
    for (let i = 1; i < r.fixes.length; i++) assert.ok(r.fixes[i - 1]!.score >= r.fixes[i]!.score);
    const byId = new Map(r.fixes.map((f) => [f.id, f]));
    const sum = (pred: (p: AttackPath) => boolean) => round(r.paths.filter(pred).reduce((s, p) => s + p.score, 0));
    assert.equal(byId.get('exposure:Service/shop/frontend')!.paths, 2);
    assert.equal(byId.get('exposure:Service/shop/frontend')!.score, sum((p) => p.entry === 'internet'));
    assert.equal(byId.get('binding:RoleBinding kube-system/deployer-creates-pods')!.score, sum((p) => p.jewel === 'cluster-admin'));
    assert.equal(r.fixes[0]!.id, 'exposure:Service/shop/frontend', 'closing the exposure removes the two highest paths');
    assert.deepEqual((await pathsFor([`${F}/node-escape.yaml`, `${F}/create-pods.yaml`], { from: 'pod' })).paths.map((p) => p.jewel), ['cluster-admin', 'secrets']);
    assert.deepEqual((await pathsFor([`${F}/node-escape.yaml`, `${F}/create-pods.yaml`], { to: 'node' })).paths.map((p) => p.entry), ['internet', 'pod']);
  });

  it('a Gateway API HTTPRoute backend is an internet entry; the runtime socket is the escape', async () => {
    const r = await pathsFor([`${F}/gateway-route.yaml`]);
    assert.deepEqual(r.paths.map(route), ['internet > workload:web/store[Deployment] > node > secrets', 'any-pod > workload:web/store[Deployment] > node > secrets']);
    assert.equal(r.paths[0]!.hops[0]!.how, 'exposed to the internet: Service web/store is the backend of HTTPRoute web/store (Gateway gateways/public), and no NetworkPolicy keeps the internet out');
    assert.equal(r.paths[0]!.hops[1]!.evidence.checkId, 'runtime-socket-mounted');
    assert.equal(r.paths[0]!.score, round(W.scale * W['entry.internet'] * W['escape.runtime-socket-mounted'] * W['node-secrets'] * W['impact.secrets'] * 1.2));
  });

  it('weights are overridable by name, and bad overrides are refused', async () => {
    const w = resolveWeights(['impact.secrets=0.5', 'impact.cluster-admin=1']);
    assert.ok(!('error' in w));
    const r = await pathsFor([`${F}/node-escape.yaml`, `${F}/create-pods.yaml`], { weights: w as Weights });
    assert.equal(r.paths[0]!.jewel, 'cluster-admin');
    assert.equal(r.paths[0]!.impact, 1);
    assert.deepEqual(resolveWeights(['impact.nothing=1']), { error: `unknown weight "impact.nothing" (known: ${Object.keys(DEFAULT_WEIGHTS).join(', ')})` });
    assert.deepEqual(resolveWeights(['lateral=-1']), { error: 'weight lateral must be a number >= 0 (got "-1")' });
  });
});

describe('attack paths: kubernetes-goat teaching manifests (test/fixtures/paths/kubernetes-goat)', () => {
  it('the internal proxy exposed on a NodePort leads to the privileged pods, the cache store and the secret reader', async () => {
    const r = await pathsFor([`${F}/kubernetes-goat`]);
    const proxy = 'internet > workload:default/internal-proxy-deployment[Deployment]';
    assert.deepEqual(r.paths.slice(0, 3).map(route).sort(), [
      `${proxy} > workload:default/health-check-deployment[Deployment] > node > secrets`,
      `${proxy} > workload:default/system-monitor-deployment[Deployment] > node > secrets`,
      `${proxy} > workload:secure-middleware/cache-store-deployment[Deployment] > data:secure-middleware/cache-store-deployment[Deployment]`,
    ]);
    assert.ok(r.paths.some((p) => route(p) === `${proxy} > workload:big-monolith/hunger-check-deployment[Deployment] > ServiceAccount:big-monolith/big-monolith-sa > secrets:big-monolith`));
    assert.equal(r.paths.length, 10);
    assert.equal(r.fixes[0]!.id, 'exposure:Service/default/internal-proxy-info-app-service');
    assert.equal(r.fixes[0]!.paths, 5);
  });
});
