// Property: on random workloads and random flows (seeded), the generated policies allow exactly the observed
// ports between every two covered workloads, DNS to kube-dns, and the observed external addresses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCluster } from '../../../src/analysis/netpol/cluster.js';
import { parseFlows } from '../../../src/analysis/netpol/flows.js';
import { generatePolicies } from '../../../src/analysis/netpol/generate.js';
import { computeMatrix, connections } from '../../../src/analysis/netpol/matrix.js';
import { portsText, portRange, union, NO_PORTS, type PortSet, type Protocol } from '../../../src/analysis/netpol/ports.js';
import { Inventory } from '../../../src/model/inventory.js';
import { policiesYaml } from '../../../src/report/netpol-policies.js';
import { loadText, withIds } from '../../../src/sources/manifests.js';
import { pod } from './helpers.js';
import { mulberry32 as prng } from '../../helpers/random.js';


function analyse(yaml: string) {
  const inventory = new Inventory(withIds(loadText(yaml, 'x.yaml').objects));
  return { inventory, cluster: buildCluster(inventory) };
}

test('generated policies allow exactly the observed flows on 40 random scenarios', () => {
  const r = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  for (let s = 0; s < 40; s++) {
    const names: string[] = [];
    let yaml = pod('coredns', 'kube-system', { 'k8s-app': 'kube-dns' });
    const count = 3 + Math.floor(r() * 6);
    for (let i = 0; i < count; i++) {
      const ns = pick(['a', 'b', 'c']);
      names.push(`${ns}/w${i}`);
      yaml += pod(`w${i}`, ns, { app: `w${i}`, tier: pick(['x', 'y']) });
    }
    const ips = ['198.51.100.1', '203.0.113.5', '2001:db8::7'];
    const flows: { src: string; dst: string; port: number; protocol: Protocol }[] = [];
    const nFlows = 2 + Math.floor(r() * 12);
    for (let f = 0; f < nFlows; f++) {
      const src = r() < 0.15 ? pick(ips) : pick(names);
      const dst = r() < 0.15 && !ips.includes(src) ? pick(ips) : pick(names);
      if (src === dst) continue;
      flows.push({ src, dst, port: pick([80, 443, 5432, 8080, 8081, 9000]), protocol: pick(['TCP', 'TCP', 'UDP', 'SCTP'] as const) });
    }
    const before = analyse(yaml);
    const parsed = parseFlows(flows.map((f) => JSON.stringify(f)).join('\n'));
    assert.deepEqual(parsed.problems, []);
    const gen = generatePolicies(before.cluster, before.inventory, parsed.flows);
    assert.deepEqual(gen.warnings, [], `scenario ${s}`);
    const after = analyse(yaml + policiesYaml(gen.policies));
    assert.deepEqual(after.cluster.problems.map((p) => p.message), [], `scenario ${s}: the generated policies are valid`);
    const m = new Map<string, string>();
    for (const c of connections(computeMatrix(after.cluster))) m.set(`${c.src} -> ${c.dst}`, portsText(c.allowed));
    const id = (n: string) => (n.includes('/') ? `${n}[Pod]` : `${n}/${n.includes(':') ? 128 : 32}`);
    const expected = new Map<string, PortSet>();
    for (const f of flows) {
      const k = `${id(f.src)} -> ${id(f.dst)}`;
      expected.set(k, union(expected.get(k) ?? NO_PORTS, portRange(f.protocol, f.port)));
    }
    const covered = gen.covered.map((w) => w.id);
    for (const a of covered) {
      for (const b of covered) if (a !== b) assert.equal(m.get(`${a} -> ${b}`), expected.has(`${a} -> ${b}`) ? portsText(expected.get(`${a} -> ${b}`)!) : undefined, `scenario ${s}: ${a} -> ${b}`);
      assert.equal(m.get(`${a} -> kube-system/coredns[Pod]`), 'TCP 53; UDP 53', `scenario ${s}: DNS from ${a}\n${JSON.stringify(flows)}\n${JSON.stringify([...m])}`);
    }
    for (const [k, v] of expected) {
      const [src, dst] = k.split(' -> ');
      if (!src!.endsWith('[Pod]') || !dst!.endsWith('[Pod]')) assert.equal(m.get(k), portsText(v), `scenario ${s}: ${k}`);
    }
  }
});
