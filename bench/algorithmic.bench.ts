/**
 * Algorithmic limits (issue 12): inputs that used to make one analysis quadratic or worse, each scanned
 * whole (parse, inventory, every check, policy, the Report value) in this process. Goal: ≤ 2 s each.
 *
 *   node --import tsx bench/algorithmic.bench.ts            # every case
 *   node --import tsx bench/algorithmic.bench.ts excepts    # cases whose name contains the word
 */
import { CHECKS } from '../src/checks/index.js';
import { buildReport } from '../src/engine/build-report.js';
import { analyse } from '../src/engine/scan.js';
import { applyPolicy } from '../src/policy/apply-policy.js';
import { loadText } from '../src/sources/manifests.js';
import { aggregationChain, ipBlockExcepts, manyAggregated, mutualAggregation } from './algorithmic-generate.js';

function scan(text: string): { objects: number; findings: number } {
  const l = loadText(text, 'bench.yaml');
  const { inventory, findings } = analyse({ objects: l.objects, problems: l.problems, checks: CHECKS });
  const policy = applyPolicy(findings, { checks: CHECKS, ran: CHECKS, now: new Date() });
  const report = buildReport({ version: 'bench', scannedAt: new Date(), files: 1, inventory, checks: CHECKS, findings: policy.findings, suppressed: policy.suppressed, warnings: policy.warnings });
  return { objects: inventory.objects.length, findings: report.findings.length };
}

const CASES: [string, () => string][] = [
  ['netpol: 200 policies x 50 ipBlock excepts', () => ipBlockExcepts(200, 50)],
  ['rbac: 3,000 ClusterRoles, a quarter aggregating many', () => manyAggregated(3000)],
  ['rbac: 3,000 mutually aggregating ClusterRoles', () => mutualAggregation(3000)],
  ['rbac: aggregation chain of 20,000 ClusterRoles', () => aggregationChain(20000)],
];

const only = process.argv[2];
scan(ipBlockExcepts(8, 5)); // warm-up: module loading and the first compilation are not the case's cost
for (const [name, make] of CASES) {
  if (only && !name.includes(only)) continue;
  const text = make();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = scan(text);
  const c1 = process.cpuUsage(c0);
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  // CPU time (user + system) of the process: on a shared machine, wall time mostly measures waiting for a core.
  const ms = (c1.user + c1.system) / 1000;
  console.log(`${name.padEnd(58)} ${(text.length / 1e6).toFixed(1)} MB  ${String(r.objects).padStart(6)} objects  ${String(r.findings).padStart(6)} findings  ${ms.toFixed(0).padStart(6)} ms CPU (${wall.toFixed(0)} ms wall)${ms > 2000 ? '  (over the 2 s goal)' : ''}`);
}
