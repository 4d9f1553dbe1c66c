/**
 * Attack-path benchmark: the realistic 100k-object cluster of the scan benchmark (bench/realistic-generate.ts:
 * namespaces with Deployments, Services (some LoadBalancers), bare Pods, Roles, RoleBindings and NetworkPolicies;
 * some containers privileged) and the plain generated one (bench/generate.ts). Prints, from one run:
 *   - scan: parse with positions, inventory, every check (what `kubeward paths` runs before the graph);
 *   - paths: graph build + search + ranking over that inventory and its findings, with the network and RBAC
 *     views the checks already built (as `kubeward paths` runs it), and cold (a fresh inventory: the views
 *     built for the paths alone);
 *   - the ratios paths ÷ scan.
 *
 *   node --import tsx bench/paths.bench.ts                    # realistic-100000 and 100000, each in its own process
 *   node --import tsx bench/paths.bench.ts realistic-100000   # one dataset
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { attackPaths } from '../src/analysis/paths/attack-paths.js';
import { CHECKS } from '../src/checks/index.js';
import { analyse } from '../src/engine/scan.js';
import { inventoryOf } from '../src/engine/load-inventory.js';
import { loadText, type Loaded } from '../src/sources/manifests.js';
import { generateManifests } from './generate.js';
import { generateRealistic } from './realistic-generate.js';

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

function measure(label: string, input: { name: string; text: string }[]): void {
  const checks = CHECKS.filter((c) => c.subject !== 'dockerfile');
  const scan = () => {
    const all: Loaded = { objects: [], problems: [], documents: 0 };
    for (const f of input) {
      const l = loadText(f.text, f.name);
      for (const o of l.objects) all.objects.push(o);
      for (const p of l.problems) all.problems.push(p);
    }
    return { ...analyse({ objects: all.objects, problems: all.problems, checks }), objects: all.objects };
  };
  scan(); // warm-up
  const [scanned, tScan] = time(scan);
  const [result, tPaths] = time(() => attackPaths(scanned.inventory, scanned.findings));
  const fresh = inventoryOf(scanned.objects);
  const [, tCold] = time(() => attackPaths(fresh, scanned.findings));
  console.log(`\n${label}: ${scanned.inventory.objects.length} objects, ${scanned.findings.length} findings, ${result.stats.workloads} workloads`);
  console.log(`  paths: ${result.paths.length} (${result.stats.entryEdges} ways in, ${result.stats.footholds} footholds), ${result.fixes.length} fixes; top score ${result.paths[0]?.score ?? 0}`);
  console.log(`  scan (parse, inventory, every check)     ${tScan.toFixed(0).padStart(6)} ms`);
  console.log(`  paths (graph build + search + ranking)   ${tPaths.toFixed(0).padStart(6)} ms   ÷ scan ${(tPaths / tScan).toFixed(3)}`);
  console.log(`  paths, cold (netpol and RBAC views too)  ${tCold.toFixed(0).padStart(6)} ms   ÷ scan ${(tCold / tScan).toFixed(3)}`);
  console.log(`  peak RSS                                 ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

const dataset = process.argv[2];
if (dataset) {
  const realistic = dataset.startsWith('realistic-');
  const n = Number(realistic ? dataset.slice('realistic-'.length) : dataset);
  measure(`${realistic ? 'realistic mix' : 'generated'} ${n.toLocaleString('en')} objects`, realistic ? generateRealistic(n) : generateManifests(n));
} else {
  for (const d of ['realistic-100000', '100000']) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), d], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = 1;
  }
}
