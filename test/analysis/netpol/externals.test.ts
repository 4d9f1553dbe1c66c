// The NetworkPolicy-only external ranges (externals.ts) against the general tiered evaluation, on random
// clusters with many overlapping ipBlocks and excepts; and the work they do, counted, on a large case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../../../src/analysis/netpol/classes.js';
import { externalsWork, npExternals } from '../../../src/analysis/netpol/externals.js';
import { atomize, parseCidr, type IpRange } from '../../../src/analysis/netpol/ip.js';
import { computeMatrix, tieredExternals, type External } from '../../../src/analysis/netpol/matrix.js';
import { portsKey } from '../../../src/analysis/netpol/ports.js';
import { ipBlockExcepts } from '../../../bench/algorithmic-generate.js';
import { clusterOf } from './helpers.js';
import { mulberry32 as prng } from '../../helpers/random.js';


const CIDRS = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.1.3.0/24', '10.2.0.0/16', '192.168.0.0/16', '0.0.0.0/0', '2001:db8::/32', '2001:db8:1::/48', '::/0'];

function scenario(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const docs: string[] = [];
  for (const n of ['a', 'b']) docs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}, labels: {env: ${pick(['prod', 'dev'])}}}`);
  for (let i = 0; i < 6; i++) {
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: ${pick(['a', 'b'])}, labels: {app: ${pick(['x', 'y', 'z'])}}}\nspec:\n  ${r() < 0.1 ? 'hostNetwork: true' : 'hostPID: false'}\n  containers: [{name: c, image: i, ports: [{name: http, containerPort: ${pick([80, 8080])}}]}]`);
  }
  const peer = () => {
    if (r() < 0.2) return `{podSelector: {matchLabels: {app: ${pick(['x', 'y'])}}}}`;
    const cidr = pick(CIDRS);
    const v6 = cidr.includes(':');
    const except = CIDRS.filter((c) => c.includes(':') === v6 && c !== cidr && parseCidr(c)!.lo >= parseCidr(cidr)!.lo && parseCidr(c)!.hi <= parseCidr(cidr)!.hi && r() < 0.5);
    return `{ipBlock: {cidr: ${cidr}${except.length ? `, except: [${except.join(', ')}]` : ''}}}`;
  };
  const ports = () => pick(['', ', ports: [{port: http}]', ', ports: [{port: 443}]', ', ports: [{port: 53, protocol: UDP}, {port: 80}]']);
  const rules = (key: string) => Array.from({ length: Math.floor(r() * 3) }, () => (r() < 0.15 ? `{${ports().slice(2)}}` : `{${key}: [${Array.from({ length: 1 + Math.floor(r() * 2) }, peer).join(', ')}]${ports()}}`)).join(', ');
  for (let i = 0; i < 1 + Math.floor(r() * 5); i++) {
    const sel = r() < 0.3 ? '{}' : `{matchLabels: {app: ${pick(['x', 'y', 'z'])}}}`;
    docs.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np${i}, namespace: ${pick(['a', 'b'])}}\nspec:\n  podSelector: ${sel}\n  policyTypes: [Ingress, Egress]\n  ingress: [${rules('from')}]\n  egress: [${rules('to')}]`);
  }
  return docs.join('\n---\n').replace(/\{, /g, '{').replace(/\{\}\}/g, '{}}');
}

function atomsOf(c: ReturnType<typeof clusterOf>): IpRange[] {
  const ranges: IpRange[] = [];
  for (const p of c.policies) for (const r of [...(p.ingress ?? []), ...(p.egress ?? [])]) if (r.peers !== 'all') for (const peer of r.peers) if (peer.kind === 'ipBlock') ranges.push(peer.cidr, ...peer.except);
  return atomize(ranges);
}

const view = (xs: External[], n: number) => xs.map((e) => ({ name: e.name, egress: e.egress.slice(0, n).map(portsKey), ingress: e.ingress.slice(0, n).map(portsKey) }));

test('NetworkPolicy-only externals equal the general evaluation on 300 random clusters', () => {
  const r = prng(19);
  let groups = 0;
  for (let s = 0; s < 300; s++) {
    const yaml = scenario(r);
    const c = clusterOf(yaml);
    assert.deepEqual(c.problems.map((p) => p.message), [], `scenario ${s}\n${yaml}`);
    const { reps } = classify(c, c.workloads);
    const atoms = atomsOf(c);
    const fast = npExternals(c, reps, atoms);
    const general = tieredExternals(c, reps, atoms);
    assert.deepEqual(view(fast, reps.length), view(general, reps.length), `scenario ${s}\n${yaml}`);
    groups += fast.length;
  }
  assert.ok(groups > 600, `the scenarios distinguish ranges (${groups} groups)`);
});

test('200 policies × 50 ipBlock excepts: the work grows with the cidrs and excepts, not atoms × blocks × classes', () => {
  const work = (policies: number) => {
    externalsWork.covered = 0;
    externalsWork.overrides = 0;
    const mx = computeMatrix(clusterOf(ipBlockExcepts(policies, 50)));
    return { covered: externalsWork.covered, overrides: externalsWork.overrides, externals: mx.externals.length };
  };
  const small = work(50);
  const large = work(200);
  // Each distinct ipBlock costs its cidr and its excepts: 51 spans.
  assert.equal(large.covered, 200 * 51);
  // Each class's rule adds its ports to the atom groups its one ipBlock matches: every group but the class's own excepts.
  assert.ok(large.overrides <= 2 * 200 * (large.externals + 1), `${large.overrides} overrides for ${large.externals} externals`);
  assert.ok(large.covered <= 4 * small.covered + 4, 'linear in policies');
});
