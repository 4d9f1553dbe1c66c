// Property test: on random scenarios (seeded), the matrix (port sets, per equivalence class) agrees with
// explain (one port, first match, per pod) and with a direct pairwise evaluation without classes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainConnection } from '../../../src/analysis/netpol/explain.js';
import { contains, parseIp, type IpRange } from '../../../src/analysis/netpol/ip.js';
import type { Peer } from '../../../src/analysis/netpol/match.js';
import { computeMatrix } from '../../../src/analysis/netpol/matrix.js';
import { equalPorts, hasPort, portsText, PROTOCOLS } from '../../../src/analysis/netpol/ports.js';
import { connectionPorts } from '../../../src/analysis/netpol/reach.js';
import { clusterOf } from './helpers.js';
import { mulberry32 as prng } from '../../helpers/random.js';


const NAMESPACES = ['n0', 'n1', 'n2'];
const CIDRS = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '192.168.0.0/16', '0.0.0.0/0', '2001:db8::/32', '2001:db8:1::/48', '::/0'];
const PROBE_IPS = ['10.0.0.1', '10.1.0.1', '10.1.2.3', '192.168.1.1', '8.8.8.8', '2001:db8::1', '2001:db8:1::1', '2001:4860::8888'];
const PORTS = [22, 53, 80, 443, 1000, 1005, 8080, 9090];

function scenario(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const labels = () => {
    const l: Record<string, string> = {};
    if (chance(0.8)) l.app = pick(['a', 'b', 'c']);
    if (chance(0.5)) l.tier = pick(['x', 'z']);
    return l;
  };
  const selector = (): Record<string, unknown> => {
    const k = r();
    if (k < 0.25) return {};
    if (k < 0.6) return { matchLabels: chance(0.5) ? { app: pick(['a', 'b', 'c']) } : { tier: pick(['x', 'z']) } };
    const op = pick(['In', 'NotIn', 'Exists', 'DoesNotExist']);
    return { matchExpressions: [{ key: pick(['app', 'tier']), operator: op, ...(op === 'In' || op === 'NotIn' ? { values: [pick(['a', 'b', 'x'])] } : {}) }] };
  };
  const nsSelector = (): Record<string, unknown> => (chance(0.3) ? {} : chance(0.5) ? { matchLabels: { env: pick(['prod', 'dev']) } } : { matchLabels: { 'kubernetes.io/metadata.name': pick(NAMESPACES) } });
  const docs: unknown[] = [];
  for (const n of NAMESPACES) if (chance(0.7)) docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels: { env: pick(['prod', 'dev']) } } });
  const podCount = 4 + Math.floor(r() * 6);
  for (let i = 0; i < podCount; i++) {
    const ports: unknown[] = [];
    if (chance(0.5)) ports.push({ name: 'http', containerPort: pick([80, 8080]) });
    if (chance(0.3)) ports.push({ name: 'dns', containerPort: 53, protocol: 'UDP' });
    docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: pick(NAMESPACES), labels: labels() },
      spec: { ...(chance(0.1) ? { hostNetwork: true } : {}), containers: [{ name: 'c', image: 'i', ports }] } });
  }
  const npPorts = () => {
    if (chance(0.3)) return undefined;
    return Array.from({ length: 1 + Math.floor(r() * 2) }, () => {
      const k = r();
      const protocol = chance(0.7) ? undefined : pick(PROTOCOLS);
      if (k < 0.2) return { ...(protocol ? { protocol } : {}) };
      if (k < 0.45) return { port: pick(['http', 'dns']), ...(protocol ? { protocol } : {}) };
      const port = pick(PORTS);
      return { port, ...(chance(0.3) ? { endPort: port + pick([0, 5, 100]) } : {}), ...(protocol ? { protocol } : {}) };
    });
  };
  const npPeer = () => {
    const k = r();
    if (k < 0.25) {
      const cidr = pick(CIDRS);
      const fam = cidr.includes(':');
      const except = CIDRS.filter((c) => c.includes(':') === fam && c !== cidr && chance(0.3));
      return { ipBlock: { cidr, ...(except.length ? { except } : {}) } };
    }
    if (k < 0.5) return { podSelector: selector() };
    if (k < 0.75) return { namespaceSelector: nsSelector() };
    return { podSelector: selector(), namespaceSelector: nsSelector() };
  };
  const npRules = (key: 'from' | 'to') => Array.from({ length: Math.floor(r() * 3) }, () => {
    const rule: Record<string, unknown> = {};
    if (chance(0.8)) rule[key] = chance(0.1) ? [] : Array.from({ length: 1 + Math.floor(r() * 2) }, npPeer);
    const ports = npPorts();
    if (ports) rule.ports = ports;
    return rule;
  });
  const policies = Math.floor(r() * 6);
  for (let i = 0; i < policies; i++) {
    const spec: Record<string, unknown> = { podSelector: selector() };
    const t = r();
    if (t < 0.25) spec.policyTypes = ['Ingress'];
    else if (t < 0.5) spec.policyTypes = ['Egress'];
    else if (t < 0.75) spec.policyTypes = ['Ingress', 'Egress'];
    if (chance(0.8)) spec.ingress = npRules('from');
    if (chance(0.6)) spec.egress = npRules('to');
    docs.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${i}`, namespace: pick(NAMESPACES) }, spec });
  }
  const adminPeer = (egress: boolean) => {
    const k = r();
    if (egress && k < 0.3) return { networks: [pick(CIDRS)] };
    if (k < 0.6) return { namespaces: nsSelector() };
    return { pods: { namespaceSelector: nsSelector(), podSelector: selector() } };
  };
  const adminPorts = () => (chance(0.5) ? undefined : [chance(0.6) ? { portNumber: { protocol: pick(PROTOCOLS), port: pick(PORTS) } } : chance(0.5) ? { portRange: { protocol: 'TCP', start: 50, end: 1000 } } : { namedPort: 'http' }]);
  const adminRules = (baseline: boolean, egress: boolean) => Array.from({ length: Math.floor(r() * 3) }, (_, i) => ({
    name: `r${i}`, action: pick(baseline ? ['Allow', 'Deny'] : ['Allow', 'Deny', 'Pass']),
    [egress ? 'to' : 'from']: [adminPeer(egress)], ...(() => { const p = adminPorts(); return p ? { ports: p } : {}; })(),
  }));
  const subject = () => (chance(0.5) ? { namespaces: nsSelector() } : { pods: { namespaceSelector: nsSelector(), podSelector: selector() } });
  const admins = Math.floor(r() * 3);
  for (let i = 0; i < admins; i++) {
    docs.push({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: `anp${i}` },
      spec: { priority: Math.floor(r() * 5), subject: subject(), ingress: adminRules(false, false), egress: adminRules(false, true) } });
  }
  if (chance(0.4)) docs.push({ apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' },
    spec: { subject: subject(), ingress: adminRules(true, false), egress: adminRules(true, true) } });
  return docs.map((d) => JSON.stringify(d)).join('\n---\n');
}

test('matrix agrees with explain and with direct pairwise evaluation on 150 random scenarios', () => {
  const r = prng(20261201);
  let checked = 0, allowedSeen = 0;
  for (let s = 0; s < 150; s++) {
    const yaml = scenario(r);
    const c = clusterOf(yaml);
    assert.deepEqual(c.problems.map((p) => p.message), [], `scenario ${s}: every generated policy is valid`);
    const mx = computeMatrix(c);
    const n = mx.classes;
    const ws = c.workloads;
    const probes: { peer: Peer; range: IpRange }[] = PROBE_IPS.map((t) => {
      const ip = parseIp(t)!;
      const range = { family: ip.family, lo: ip.value, hi: ip.value };
      return { peer: { kind: 'ip', range }, range };
    });
    for (let i = 0; i < ws.length; i++) {
      for (let j = 0; j < ws.length; j++) {
        const src: Peer = { kind: 'pod', ep: ws[i]! };
        const dst: Peer = { kind: 'pod', ep: ws[j]! };
        const fromMatrix = mx.pods[mx.classOf[i]! * n + mx.classOf[j]!]!;
        const direct = connectionPorts(c, src, dst);
        assert.ok(equalPorts(fromMatrix, direct), `scenario ${s}: ${ws[i]!.id} -> ${ws[j]!.id}: classes ${portsText(fromMatrix)} vs direct ${portsText(direct)}\n${yaml}`);
        for (const protocol of PROTOCOLS) {
          for (const port of [...PORTS, 1003, 65535]) {
            const v = explainConnection(c, src, dst, protocol, port);
            assert.equal(hasPort(fromMatrix, protocol, port), v.allowed, `scenario ${s}: ${ws[i]!.id} -> ${ws[j]!.id} ${protocol}/${port}\n${JSON.stringify(v)}\n${yaml}`);
            checked++;
            if (v.allowed) allowedSeen++;
          }
        }
      }
      for (const probe of probes) {
        const ext = mx.externals.find((e) => e.ranges.some((rg) => contains(rg, probe.range)));
        assert.ok(ext, `scenario ${s}: no external group holds a probe`);
        for (const port of PORTS) {
          const out = explainConnection(c, { kind: 'pod', ep: ws[i]! }, probe.peer, 'TCP', port);
          assert.equal(hasPort(ext.egress[mx.classOf[i]!]!, 'TCP', port), out.allowed, `scenario ${s}: ${ws[i]!.id} -> ip TCP/${port}\n${yaml}`);
          const inn = explainConnection(c, probe.peer, { kind: 'pod', ep: ws[i]! }, 'TCP', port);
          assert.equal(hasPort(ext.ingress[mx.classOf[i]!]!, 'TCP', port), inn.allowed, `scenario ${s}: ip -> ${ws[i]!.id} TCP/${port}\n${yaml}`);
          checked += 2;
        }
      }
    }
  }
  // The scenarios must exercise both outcomes, or the agreement would prove little.
  assert.ok(allowedSeen > checked * 0.1 && allowedSeen < checked * 0.9, `allowed ${allowedSeen} of ${checked}`);
});
