/**
 * `scan --prioritize`: each finding that an attack path rests on gets the best such path (its rank, score and
 * route) as its `priority`; the report then lists those findings first, highest score first.
 */
import { attackPaths } from '../analysis/paths/attack-paths.js';
import type { Weights } from '../analysis/paths/weights.js';
import type { AttackPathsResult } from '../model/attack-path.js';
import type { Finding, FindingPriority } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';

/** Fingerprint → the best path the finding sits on. */
export function findingPriorities(result: AttackPathsResult): Map<string, FindingPriority> {
  const out = new Map<string, FindingPriority>();
  result.paths.forEach((p, i) => {
    const route = [p.hops[0]!.from, ...p.hops.map((h) => h.to)].map((id) => result.labels[id] ?? id);
    for (const h of p.hops) {
      for (const fp of h.evidence.findings ?? []) {
        if (out.has(fp)) continue; // paths are ranked: the first is the best
        out.set(fp, { rank: i + 1, score: p.score, path: route.join(' → '), reason: `on attack path #${i + 1} (score ${p.score}): ${route[0]} → ${route[route.length - 1]}` });
      }
    }
  });
  return out;
}

/** The paths over everything the checks found; the findings shown get the priority of their best path. */
export function prioritize(inventory: Inventory, all: readonly Finding[], shown: readonly Finding[], weights: Weights): Finding[] {
  const priorities = findingPriorities(attackPaths(inventory, all, { weights }));
  return shown.map((f) => {
    const p = priorities.get(f.fingerprint);
    return p ? { ...f, priority: p } : f;
  });
}
