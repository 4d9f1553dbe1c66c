/**
 * Attack paths over an inventory and the findings of its checks: entry → workload (→ a workload it can reach)
 * → foothold → crown jewel, scored (weights.ts), ranked, each with the fix that removes the most score, and the
 * fixes ranked by the score they remove.
 *
 * The cost is near-linear in the objects: entries come from Services (selectors tested through a label index) and
 * from each workload's own spec and findings; network questions are asked per NetworkPolicy class (the netpol
 * analysis groups pods that every policy treats alike), never per pod pair; the lateral move into a workload is
 * the best one among the most likely entry classes (at most `lateralCandidates` tried per target class); RBAC
 * routes come from two breadth-first searches of the escalation graph.
 */
import type { AttackPath, AttackPathsResult, EntryKind, JewelKind, PathFix, PathHop } from '../../model/attack-path.js';
import type { Finding } from '../../model/finding.js';
import type { Inventory } from '../../model/inventory.js';
import { asRecord } from '../../model/object.js';
import type { Workload } from '../netpol/cluster.js';
import { networkMatrix, networkView } from '../netpol/view.js';
import { nodeLabel } from '../rbac/escalation-graph.js';
import { rbacModel } from '../rbac/model.js';
import { ANY_POD, criticalVulns, entriesOf, INTERNET, netpolFix, openIngressFindings, Reach, workloadNode, type Entry } from './entries.js';
import { FindingIndex, withFindings } from './evidence.js';
import { footholdsOf, SECRETS, type Chain } from './footholds.js';
import { rbacReach } from './rbac-reach.js';
import { DEFAULT_WEIGHTS, impactOf, replicaFactor, score, type Weights } from './weights.js';

export interface AttackPathOptions {
  weights?: Weights;
  /** Only paths from this kind of entry. */
  from?: EntryKind;
  /** Only paths that reach this kind of jewel. */
  to?: JewelKind;
  /** Entry classes tried per target class for a lateral move (the most likely first). */
  lateralCandidates?: number;
}

/** Pods a workload runs: spec.replicas (default 1); a DaemonSet one per node (weights replicas.daemonset). */
function replicasOf(w: Workload, weights: Weights): number {
  if (w.object.kind === 'DaemonSet') return weights['replicas.daemonset'];
  const r = asRecord(w.object.raw.spec)?.replicas;
  return typeof r === 'number' && r >= 0 ? r : 1;
}

interface Way {
  kind: EntryKind;
  hops: PathHop[];
  /** The workload whose replicas and vulnerabilities count for the entry. */
  first: number;
}

export function attackPaths(inventory: Inventory, findings: readonly Finding[], opts: AttackPathOptions = {}): AttackPathsResult {
  const weights = opts.weights ?? { ...DEFAULT_WEIGHTS };
  const cluster = networkView(inventory);
  const matrix = networkMatrix(inventory);
  const reach = new Reach(cluster, matrix);
  const index = new FindingIndex(findings);
  const rbac = rbacModel(inventory);
  const rreach = rbacReach(rbac);
  const ws = cluster.workloads;
  const { entries, listens } = entriesOf({ inventory, cluster, matrix, findings: index, weights }, reach);
  const vulnerable = ws.map((w) => criticalVulns(index, w).length > 0);
  const fctx = { inventory, rbac, reach: rreach, findings: index, weights, saTails: new Map<string, Chain | null>() };
  // Footholds only where an attacker can arrive: a workload with a way in, or one that listens (a lateral move's target).
  const chains: Chain[][] = ws.map((w, t) => (entries[t]!.length || listens[t] ? footholdsOf(fctx, w) : []));

  // The likelihood of each entry hop, with the vulnerable-image boost for a way in other than the image itself.
  const entryLikelihood = (e: Entry, i: number) => Math.min(1, e.factor * (vulnerable[i] && e.kind !== 'image' ? weights.vulnerable : 1));

  // Lateral sources: workloads an outside attacker gets into (internet, image), the best per class, most likely first.
  const bestByClass = new Map<number, { i: number; e: Entry; l: number }>();
  entries.forEach((list, i) => {
    for (const e of list) {
      if (e.kind === 'pod') continue;
      const l = entryLikelihood(e, i);
      const k = reach.classOf(i);
      const cur = bestByClass.get(k);
      if (!cur || l > cur.l) bestByClass.set(k, { i, e, l });
    }
  });
  const sources = [...bestByClass.values()].sort((a, b) => b.l - a.l || a.i - b.i);
  const limit = opts.lateralCandidates ?? 32;
  const lateralByClass = new Map<number, { src: (typeof sources)[number]; ports: string } | null>();
  const lateralInto = (t: number) => {
    const k = reach.classOf(t);
    let hit = lateralByClass.get(k);
    if (hit === undefined) {
      hit = null;
      for (const s of sources.slice(0, limit)) {
        const ports = reach.between(reach.classOf(s.i), k);
        if (ports !== undefined) {
          hit = { src: s, ports };
          break;
        }
      }
      lateralByClass.set(k, hit);
    }
    return hit && hit.src.i !== t ? hit : null;
  };

  const paths: AttackPath[] = [];
  let entryEdges = 0, footholds = 0;
  ws.forEach((w, t) => {
    entryEdges += entries[t]!.length;
    footholds += chains[t]!.length;
    if (!chains[t]!.length) return;
    const ways: Way[] = entries[t]!.map((e) => ({ kind: e.kind, hops: [e.hop], first: t }));
    if (listens[t] && !entries[t]!.some((e) => e.kind === 'internet')) {
      const lat = lateralInto(t);
      if (lat) {
        const src = ws[lat.src.i]!;
        ways.push({
          kind: lat.src.e.kind, first: lat.src.i,
          hops: [lat.src.e.hop, {
            from: workloadNode(src), to: workloadNode(w), how: `connect to ${w.id} (${lat.ports}) and exploit it${vulnerable[t] ? ' (its image has a critical vulnerability)' : ''}`,
            factor: Math.min(1, weights.lateral * (vulnerable[t] ? weights.vulnerable : 1)),
            evidence: withFindings({ fact: `the NetworkPolicies allow ${src.id} → ${w.id} (${lat.ports})` }, openIngressFindings(index, w)), fix: netpolFix(w),
          }],
        });
      }
    }
    for (const way of ways) {
      for (const chain of chains[t]!) {
        const hops = [...way.hops, ...chain.hops];
        const first = ws[way.first]!;
        const entry = entries[way.first]!.find((e) => e.hop === way.hops[0])!;
        let likelihood = entryLikelihood(entry, way.first);
        for (const h of hops.slice(1)) likelihood *= h.factor;
        const impact = impactOf(weights, chain.jewel, chain.namespaceOnly);
        const replicas = replicasOf(first, weights);
        const rf = replicaFactor(weights, replicas);
        paths.push({
          key: [hops[0]!.from, ...hops.map((h) => h.to)].join(' > ') + ` #${hops.map((h) => h.fix?.id ?? h.evidence.checkId ?? '').join(',')}`,
          entry: way.kind, jewel: chain.jewel, reaches: chain.reaches,
          score: score(weights, likelihood, impact, rf), likelihood: Math.round(likelihood * 1e4) / 1e4, impact, replicas, replicaFactor: rf, hops,
        });
      }
    }
  });

  const kept = paths.filter((p) => (!opts.from || p.entry === opts.from) && (!opts.to || p.reaches.includes(opts.to)));
  const fixes = rankFixes(kept);
  kept.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { paths: kept, fixes, labels: labelsOf(kept, ws), stats: { workloads: ws.length, entryEdges, footholds, paths: kept.length } };
}

/** Each fix's paths and score (counted once per path), ranked; and each path's best fix set on it. */
function rankFixes(paths: AttackPath[]): PathFix[] {
  const totals = new Map<string, PathFix>();
  for (const p of paths) {
    const seen = new Set<string>();
    for (const h of p.hops) {
      if (!h.fix || seen.has(h.fix.id)) continue;
      seen.add(h.fix.id);
      const t = totals.get(h.fix.id);
      if (t) (t.paths++, (t.score += p.score));
      else totals.set(h.fix.id, { ...h.fix, paths: 1, score: p.score });
    }
  }
  for (const p of paths) {
    let best: PathFix | undefined;
    for (const h of p.hops) {
      const t = h.fix && totals.get(h.fix.id);
      // Ties go to the hop nearer the jewel: the weakness itself rather than the way to it.
      if (t && (!best || t.score > best.score || (t.score === best.score && t.paths >= best.paths))) best = t;
    }
    if (best) p.fix = best.id;
  }
  const out = [...totals.values()].map((f) => ({ ...f, score: Math.round(f.score * 100) / 100 }));
  return out.sort((a, b) => b.score - a.score || b.paths - a.paths || (a.id < b.id ? -1 : 1));
}

function labelsOf(paths: AttackPath[], ws: readonly Workload[]): Record<string, string> {
  const byNode = new Map(ws.map((w) => [workloadNode(w), w]));
  const labels: Record<string, string> = {};
  const label = (id: string): string => {
    if (id === INTERNET) return 'the internet';
    if (id === ANY_POD) return 'any pod in the cluster';
    if (id === SECRETS) return 'Secrets of every namespace';
    if (id.startsWith('secrets:')) return `Secrets of namespace ${id.slice(8)}`;
    if (id.startsWith('image:')) return `the image of ${id.slice(6)}`;
    if (id.startsWith('data:')) return `the data of ${id.slice(5)}`;
    const w = byNode.get(id);
    if (w) return w.id;
    return nodeLabel(id);
  };
  for (const p of paths) for (const h of p.hops) for (const id of [h.from, h.to]) labels[id] ??= label(id);
  return labels;
}
