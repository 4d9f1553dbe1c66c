/**
 * NetworkPolicy benchmark: the reachability matrix on equivalence classes against parsing the same
 * manifests, and against a naive pod-pair evaluation on a smaller size both can run, in one run.
 *
 *   node --import tsx bench/netpol.bench.ts                 # 10,000 pods / 200 namespaces / 1,000 policies; naive on 1,000 / 20 / 100
 *   node --import tsx bench/netpol.bench.ts 2000 40 200     # another size (pods namespaces policies)
 */
import { buildCluster } from '../src/analysis/netpol/cluster.js';
import { directMatcher, type Peer } from '../src/analysis/netpol/match.js';
import { computeMatrix } from '../src/analysis/netpol/matrix.js';
import { connectionPorts } from '../src/analysis/netpol/reach.js';
import { equalPorts } from '../src/analysis/netpol/ports.js';
import { Inventory } from '../src/model/inventory.js';
import { loadText, withIds } from '../src/sources/manifests.js';
import { generateCluster } from './netpol-generate.js';

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

/** Best of `runs` (after one warm-up) keeps GC and JIT noise, and other work on the machine, out of the ratios. */
function best<T>(fn: () => T, runs = 3): [T, number] {
  let r = fn();
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const [v, ms] = time(fn);
    r = v;
    min = Math.min(min, ms);
  }
  return [r, min];
}

function parse(text: string): Inventory {
  const { objects } = loadText(text, 'generated.yaml');
  return new Inventory(withIds(objects));
}

/** Every workload pair and workload × external range, one evaluation each, no classes, no caching. */
function naive(inventory: Inventory): number {
  const c = buildCluster(inventory);
  let n = 0;
  const ext: Peer[] = computeMatrix({ ...c, workloads: c.workloads.slice(0, 1) }).externals.flatMap((e) => e.ranges.map((range) => ({ kind: 'ip' as const, range })));
  for (const a of c.workloads) {
    const src: Peer = { kind: 'pod', ep: a };
    for (const b of c.workloads) connectionPorts(c, src, { kind: 'pod', ep: b }, directMatcher), n++;
    for (const e of ext) connectionPorts(c, src, e, directMatcher), connectionPorts(c, e, src, directMatcher), (n += 2);
  }
  return n;
}

function run(pods: number, namespaces: number, policies: number, withNaive: boolean): void {
  const text = generateCluster(pods, namespaces, policies);
  const [inventory, parseMs] = best(() => parse(text));
  const [mx, matrixMs] = best(() => computeMatrix(buildCluster(inventory)));
  const pairs = mx.workloads.length * mx.workloads.length;
  console.log(`${pods} pods, ${namespaces} namespaces, ${policies} policies (${(text.length / 1e6).toFixed(1)} MB of YAML)`);
  console.log(`  parse ${parseMs.toFixed(0)} ms; matrix ${matrixMs.toFixed(0)} ms on ${mx.classes} classes (${pairs.toLocaleString('en')} workload pairs, ${mx.externals.length} external groups)`);
  console.log(`  matrix ÷ parse: ${(matrixMs / parseMs).toFixed(2)}×`);
  if (!withNaive) return;
  const [evaluations, naiveMs] = best(() => naive(inventory), 1);
  // The two must agree, or the speed-up means nothing.
  const c = buildCluster(inventory);
  const check = computeMatrix(c);
  for (let i = 0; i < c.workloads.length; i += 7) {
    for (let j = 0; j < c.workloads.length; j += 5) {
      const d = connectionPorts(c, { kind: 'pod', ep: c.workloads[i]! }, { kind: 'pod', ep: c.workloads[j]! }, directMatcher);
      if (!equalPorts(d, check.pods[check.classOf[i]! * check.classes + check.classOf[j]!]!)) throw new Error(`classes and naive disagree on ${c.workloads[i]!.id} -> ${c.workloads[j]!.id}`);
    }
  }
  console.log(`  naive pairwise ${naiveMs.toFixed(0)} ms (${evaluations.toLocaleString('en')} evaluations)`);
  console.log(`  naive ÷ classes: ${(naiveMs / matrixMs).toFixed(1)}×`);
}

const [p, n, pol] = process.argv.slice(2).map(Number);
if (p) run(p, n ?? Math.max(1, Math.round(p / 50)), pol ?? Math.round(p / 10), p <= 2000);
else {
  run(1000, 20, 100, true);
  run(2000, 40, 200, true);
  run(10000, 200, 1000, false);
}
